import { describe, expect, it } from 'vitest'
import { MutationRejection, type Actor } from '../sync/record-kind.ts'
import { actorAt } from '../sync/record-kind.fixtures.ts'
import { applyTouringClass } from './outreach-class.kind.ts'
import { applyStudio } from './outreach-studio.kind.ts'
import { outreachCounts } from './outreach.counts.ts'

const AT = '2026-11-27T02:00:00.000Z'
const cadre = actorAt('village_cadre', '/c/t1/v1/', { id: 'u-cadre', name: '李村干' }, AT)
const mediator: Actor = { ...cadre, userId: 'u-med', userName: '周调解', role: 'mediator' }
const lead = { id: 'm1', name: '周调解' }
const classPayload = {
  villagePath: '/c/t1/v1/',
  villageName: '柳河村',
  topic: '土地承包法律知识进村',
  basis: '《农村土地承包法》',
  heldOn: '2026-11-27',
  attendance: 40,
  mediators: [lead],
  photos: [],
}
const create = (payload: Record<string, unknown>) => ({ op: 'create', payload, baseVersion: 0 })
const reason = (work: () => unknown) => {
  try {
    work()
  } catch (error) {
    if (error instanceof MutationRejection) return error.code
    throw error
  }
  return 'applied'
}

describe('touring classes and studios', () => {
  it('records a class once, by whoever runs outreach, not later than today', () => {
    const data = applyTouringClass(null, create(classPayload), mediator)
    expect(data).toMatchObject({ recordedBy: '周调解', attendance: 40 })
    expect(reason(() => applyTouringClass(data, create(classPayload), mediator))).toBe(
      'already_exists',
    )
    expect(
      reason(() =>
        applyTouringClass(null, create({ ...classPayload, heldOn: '2026-11-28' }), cadre),
      ),
    ).toBe('invalid_payload')
    expect(
      reason(() =>
        applyTouringClass(null, create(classPayload), { ...cadre, role: 'grid_worker' }),
      ),
    ).toBe('forbidden_role')
    expect(
      reason(() =>
        applyTouringClass(null, create({ ...classPayload, villagePath: '/c/t1/v2/' }), cadre),
      ),
    ).toBe('out_of_scope')
  })

  it('opens a studio by a pool keeper, keeps each session’s roster, and refuses the leader twice', () => {
    const studio = { orgPath: '/c/t1/v1/', name: '老周工作室', leader: lead, members: [] }
    expect(reason(() => applyStudio(null, create(studio), mediator))).toBe('forbidden_role')
    expect(reason(() => applyStudio(null, create({ ...studio, members: [lead] }), cadre))).toBe(
      'invalid_payload',
    )
    const opened = applyStudio(null, create(studio), cadre)
    const session = { heldOn: '2026-11-27', topic: '接待群众', attendance: 5 }
    const once = applyStudio(
      opened,
      { op: 'add_session', payload: session, baseVersion: 1 },
      mediator,
    )
    const member = { id: 'm2', name: '吴调解' }
    const grown = applyStudio(
      once,
      { op: 'set_members', payload: { members: [member] }, baseVersion: 2 },
      cadre,
    )
    const twice = applyStudio(grown, { op: 'add_session', payload: session, baseVersion: 3 }, cadre)
    expect(twice.sessions.map((entry) => entry.mediatorIds)).toEqual([['m1'], ['m1', 'm2']])
    const counts = outreachCounts([applyTouringClass(null, create(classPayload), cadre)], [twice])
    expect(counts.get('m1')).toEqual({ classes: 1, studioSessions: 2 })
    expect(counts.get('m2')).toEqual({ classes: 0, studioSessions: 1 })
  })
})
