import { describe, expect, it } from 'vitest'
import { audienceReaches } from '../org/org-path.ts'
import { refusalOf } from '../sync/record-kind.fixtures.ts'
import { currentPercent } from './livelihood.apply.ts'
import {
  accepted,
  actorAt,
  change,
  DEPT,
  PLAN,
  PROPOSAL,
  proposed,
  submitted,
  T1,
  V1,
} from './livelihood.fixtures.ts'
import { holdsAnyOf, livelihoodAudience, livelihoodItemKind } from './livelihood.kind.ts'
import { availableLivelihoodOps } from './livelihood.machine.ts'
import {
  askerCount,
  livelihoodItemDataSchema,
  NO_SOURCE_MESSAGE,
  type LivelihoodItemData,
} from './livelihood.schema.ts'

const valid = (item: LivelihoodItemData) => livelihoodItemDataSchema.parse(item)

describe('proposing a livelihood item', () => {
  it('makes a candidate of the cadre’s village and township, with the county’s due date', () => {
    const item = valid(proposed())
    expect(item).toMatchObject({
      status: 'candidate',
      township: T1,
      village: V1,
      submissionDue: '2026-03-31',
      sourceIssueIds: ['issue-a', 'issue-b', 'issue-c'],
    })
    expect(item.events.map((event) => event.action)).toEqual(['propose'])
  })

  it('takes the county’s configured submission date', async () => {
    const { createLivelihoodKind } = await import('./livelihood.kind.ts')
    const kind = createLivelihoodKind({ submitBy: '02-15' })
    const { PROPOSAL } = await import('./livelihood.fixtures.ts')
    const item = kind.apply(
      null,
      { op: 'create', payload: { ...PROPOSAL }, baseVersion: 0 },
      actorAt('cadre'),
    )
    expect(item.submissionDue).toBe('2026-02-15')
  })

  it('takes consultation opinions as sources, counted among the residents asking (#16.1)', () => {
    const item = valid(proposed({ ...PROPOSAL, sourceIssueIds: [], sourceOpinionIds: ['op-1'] }))
    expect(item.sourceOpinionIds).toEqual(['op-1'])
    expect(askerCount(valid(proposed({ ...PROPOSAL, sourceOpinionIds: ['op-1', 'op-1'] })))).toBe(4)
    const none = refusalOf(() => proposed({ ...PROPOSAL, sourceIssueIds: [] }))
    expect(none).toMatchObject({ code: 'invalid_payload', message: NO_SOURCE_MESSAGE })
    const emptied = refusalOf(() =>
      change(item, 'edit', { sourceOpinionIds: [] }, actorAt('township')),
    )
    expect(emptied.message).toBe(NO_SOURCE_MESSAGE)
  })

  it('lets an opinion back one holding item only, like a report', () => {
    const holder = proposed({ ...PROPOSAL, sourceOpinionIds: ['op-1'] })
    expect(holdsAnyOf(holder, { sourceIssueIds: [], sourceOpinionIds: ['op-1'] }, 'x')).toBe(true)
    expect(holdsAnyOf(holder, { sourceIssueIds: [], sourceOpinionIds: ['op-2'] }, 'x')).toBe(false)
    const cancelled = change(holder, 'cancel', { reason: '重复' }, actorAt('cadre'))
    expect(holdsAnyOf(cancelled, { sourceIssueIds: [], sourceOpinionIds: ['op-1'] }, 'x')).toBe(
      false,
    )
  })

  it('refuses a grid worker, a department and a year two years ahead in Chinese', () => {
    const payload = { ...proposed(), year: 2026 }
    const gridWorker = { ...actorAt('cadre'), role: 'grid_worker' as const }
    expect(
      refusalOf(() =>
        livelihoodItemKind.apply(null, { op: 'create', payload, baseVersion: 0 }, gridWorker),
      ).code,
    ).toBe('forbidden_role')
    expect(
      refusalOf(() =>
        livelihoodItemKind.apply(
          null,
          { op: 'create', payload, baseVersion: 0 },
          actorAt('department'),
        ),
      ).code,
    ).toBe('forbidden_role')
    const far = refusalOf(() =>
      livelihoodItemKind.apply(
        null,
        { op: 'create', payload: { ...payload, year: 2028 }, baseVersion: 0 },
        actorAt('cadre'),
      ),
    )
    expect(far.message).toBe('只能提出2026年或2027年的民生实事')
  })

  it('reaches the township and every village below it, and nobody in another township', () => {
    const audience = livelihoodAudience(proposed())
    expect(audience.some((path) => audienceReaches(path, T1))).toBe(true)
    expect(audience.some((path) => audienceReaches(path, `${T1}demo-t1-v2/`))).toBe(true)
    expect(audience.some((path) => audienceReaches(path, '/demo-county/'))).toBe(true)
    expect(audience.some((path) => audienceReaches(path, '/demo-county/demo-t2/'))).toBe(false)
    expect(audience.some((path) => audienceReaches(path, DEPT))).toBe(false)
  })
})

describe('the item’s lifecycle', () => {
  it('goes candidate → listed → submitted → accepted → in progress → completed, each step in the ledger', () => {
    let item = proposed()
    item = change(item, 'plan', PLAN, actorAt('township'))
    expect(item.status).toBe('listed')
    expect(livelihoodAudience(item)).toContain(DEPT)
    item = change(item, 'submit', { note: '' }, actorAt('township'))
    expect(item.status).toBe('submitted')
    item = change(item, 'accept', { note: '' }, actorAt('county'))
    expect(item.status).toBe('accepted')
    item = change(
      item,
      'progress',
      { date: '2026-11-27', percent: 40, note: '路基完成四成', photos: [] },
      actorAt('department'),
    )
    expect(item.status).toBe('in_progress')
    expect(currentPercent(item)).toBe(40)
    item = change(
      item,
      'milestone',
      { milestoneId: '1', doneOn: '2026-11-27', note: '' },
      actorAt('department'),
    )
    expect(item.plan?.milestones[0]?.doneOn).toBe('2026-11-27')
    item = change(
      item,
      'complete',
      {
        completedOn: '2026-11-26',
        acceptedOn: '2026-11-27',
        acceptors: '柳河镇、住建局、柳河村村民代表',
        conclusion: '道路平整，验收合格',
        photos: [],
      },
      actorAt('department'),
    )
    valid(item)
    expect(item.status).toBe('completed')
    expect(currentPercent(item)).toBe(100)
    expect(item.events.map((event) => `${event.action}:${event.toStatus}`)).toEqual([
      'propose:candidate',
      'plan:listed',
      'submit:submitted',
      'accept:accepted',
      'progress:in_progress',
      'milestone:in_progress',
      'complete:completed',
    ])
  })

  it('returns with a reason to the township, which plans it again and submits it again', () => {
    const returned = change(
      submitted(),
      'return',
      { reason: '与县交通局项目重复' },
      actorAt('county'),
    )
    expect(returned).toMatchObject({ status: 'returned', returnReason: '与县交通局项目重复' })
    expect(returned.events.at(-1)?.note).toBe('与县交通局项目重复')
    const again = change(returned, 'plan', PLAN, actorAt('township'))
    expect(change(again, 'submit', { note: '' }, actorAt('township')).status).toBe('submitted')
  })

  it('refuses a return without a reason and a township deciding for the county', () => {
    expect(
      refusalOf(() => change(submitted(), 'return', { reason: ' ' }, actorAt('county'))).message,
    ).toBe('请填写退回理由')
    expect(
      refusalOf(() => change(submitted(), 'accept', { note: '' }, actorAt('township'))).code,
    ).toBe('forbidden_role')
  })

  it('lets only the responsible unit record progress, and never backwards', () => {
    const item = accepted()
    const progress = { date: '2026-11-27', percent: 40, note: '进展', photos: [] }
    expect(refusalOf(() => change(item, 'progress', progress, actorAt('township'))).code).toBe(
      'forbidden_role',
    )
    const forty = change(item, 'progress', progress, actorAt('department'))
    expect(
      refusalOf(() =>
        change(forty, 'progress', { ...progress, percent: 30 }, actorAt('department')),
      ).message,
    ).toBe('完成进度不能低于上次登记的40%')
    expect(
      refusalOf(() =>
        change(item, 'progress', { ...progress, date: '2026-11-28' }, actorAt('department')),
      ).message,
    ).toBe('进度日期不能晚于今天')
  })

  it('moves the completion date with each delay, which must be later', () => {
    const delayed = change(
      accepted(),
      'delay',
      { reason: '雨季停工', newCompletion: '2027-07-31' },
      actorAt('department'),
    )
    expect(delayed.delays[0]).toMatchObject({
      previousCompletion: '2027-05-31',
      newCompletion: '2027-07-31',
    })
    expect(
      refusalOf(() =>
        change(
          delayed,
          'delay',
          { reason: '再延', newCompletion: '2027-06-30' },
          actorAt('department'),
        ),
      ).message,
    ).toBe('新的完成日期应晚于2027-07-31')
  })

  it('merges into another item and cancels with a reason; both are final', () => {
    const merged = change(
      submitted(),
      'merge',
      { intoItemId: 'other', reason: '与东山镇同一条路' },
      actorAt('county'),
    )
    expect(merged).toMatchObject({ status: 'merged', mergedInto: 'other' })
    expect(availableLivelihoodOps(merged, actorAt('county'))).toEqual([])
    const cancelled = change(proposed(), 'cancel', { reason: '村里已自筹解决' }, actorAt('cadre'))
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '村里已自筹解决' })
    expect(refusalOf(() => change(cancelled, 'plan', PLAN, actorAt('township'))).code).toBe(
      'invalid_transition',
    )
  })

  it('offers each party only its own changes', () => {
    const item = submitted()
    expect(availableLivelihoodOps(item, actorAt('county'))).toEqual([
      'accept',
      'merge',
      'return',
      'cancel',
    ])
    expect(availableLivelihoodOps(item, actorAt('township'))).toEqual([])
    expect(availableLivelihoodOps(proposed(), actorAt('cadre'))).toEqual(['edit', 'rank', 'cancel'])
    expect(availableLivelihoodOps(accepted(), actorAt('department'))).toEqual([
      'progress',
      'milestone',
      'delay',
      'complete',
    ])
    expect(availableLivelihoodOps(proposed(), actorAt('otherTownship'))).toEqual([])
  })
})
