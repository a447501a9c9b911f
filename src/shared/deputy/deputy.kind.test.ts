import { describe, expect, it } from 'vitest'
import type { Actor } from '../sync/record-kind.ts'
import { actorAt, refusalCodeOf } from '../sync/record-kind.fixtures.ts'
import { issueKind } from '../issue/issue.kind.ts'
import { applyDeputyPlan } from './deputy-plan.kind.ts'
import { applyDeputyVisit } from './deputy-visit.kind.ts'

const AT = '2026-11-27T02:00:00.000Z'
const county = actorAt('county_staff', '/c/', { id: 'u-county', name: '周敏' }, AT)
const deputy = actorAt('deputy', '/c/dep1/', { id: 'u-dep', name: '王代表' }, AT)
const V1 = '/c/t1/v1/'
const planPayload = {
  deputyPath: '/c/dep1/',
  deputyName: '王代表',
  body: 'npc',
  villages: [{ path: V1, name: '柳河村', grids: [{ path: `${V1}g1/`, name: '第一网格' }] }],
  visitsPerPeriod: 1,
  periodMonths: 3,
  startsOn: '2026-01-01',
}
const visitPayload = {
  planId: 'p1',
  villagePath: V1,
  villageName: '柳河村',
  visitedOn: '2026-11-26',
  met: '村民代表五人',
  opinions: ['路灯不亮', '希望增加公交班次'],
}

describe('the contact plan kind', () => {
  it('lets the county link a deputy to villages, and nobody else', () => {
    const plan = applyDeputyPlan(
      null,
      { op: 'create', payload: planPayload, baseVersion: 0 },
      county,
    )
    expect(plan).toMatchObject({ orgPath: '/c/', deputyPath: '/c/dep1/', visitsPerPeriod: 1 })
    const create = { op: 'create', payload: planPayload, baseVersion: 0 }
    expect(refusalCodeOf(() => applyDeputyPlan(null, create, deputy))).toBe('forbidden_role')
  })

  it('refuses a grid that is not a child of its village', () => {
    const villages = [{ ...planPayload.villages[0], grids: [{ path: '/c/t1/v2/g1/', name: 'x' }] }]
    const create = { op: 'create', payload: { ...planPayload, villages }, baseVersion: 0 }
    expect(refusalCodeOf(() => applyDeputyPlan(null, create, county))).toBe('invalid_payload')
  })
})

describe('the deputy visit kind', () => {
  const visit = applyDeputyVisit(
    null,
    { op: 'create', payload: visitPayload, baseVersion: 0 },
    deputy,
  )

  it('numbers the opinions and makes the deputy’s unit its home', () => {
    expect(visit.deputyPath).toBe('/c/dep1/')
    expect(visit.opinions.map((o) => [o.id, o.issueId])).toEqual([
      ['1', null],
      ['2', null],
    ])
  })

  it('refuses a visit dated after today and one recorded by another role', () => {
    const late = { ...visitPayload, visitedOn: '2026-11-28' }
    expect(
      refusalCodeOf(() =>
        applyDeputyVisit(null, { op: 'create', payload: late, baseVersion: 0 }, deputy),
      ),
    ).toBe('invalid_payload')
    const create = { op: 'create', payload: visitPayload, baseVersion: 0 }
    expect(refusalCodeOf(() => applyDeputyVisit(null, create, county))).toBe('forbidden_role')
  })

  it('links an opinion to one report only', () => {
    const link = (issueId: string) => ({
      op: 'link_issue',
      payload: { opinionId: '1', issueId },
      baseVersion: 1,
    })
    const linked = applyDeputyVisit(visit, link('i-1'), deputy)
    expect(linked.opinions[0]?.issueId).toBe('i-1')
    expect(applyDeputyVisit(linked, link('i-1'), deputy)).toBe(linked)
    expect(refusalCodeOf(() => applyDeputyVisit(linked, link('i-2'), deputy))).toBe(
      'already_raised',
    )
  })
})

describe('a report raised by a deputy', () => {
  const capture = {
    isAnonymous: true,
    resident: null,
    channel: 'deputy',
    category: 'public_interest',
    tags: ['infrastructure'],
    title: '路灯不亮',
    description: '路灯不亮',
    gpsConsent: false,
    gps: null,
    photos: [],
    urgency: 'normal',
    isPrivate: false,
    discussable: { verdict: 'unknown' },
    gridId: 'g1',
    orgPath: `${V1}g1/`,
  }

  it('is followed by the deputy: their unit joins the audience and they see it whole', () => {
    const payload = { ...capture, deputy: { visitId: 'v1', opinionId: '1' } }
    const issue = issueKind.apply(null, { op: 'create', payload, baseVersion: 0 }, deputy)
    expect(issueKind.audience(issue)).toEqual([`${V1}g1/`, '/c/dep1/'])
    expect(issue.deputy).toEqual({ visitId: 'v1', opinionId: '1', unitPath: '/c/dep1/' })
  })

  it('is refused without a visit’s opinion, or from anyone but a deputy', () => {
    const bare = { op: 'create', payload: capture, baseVersion: 0 }
    expect(refusalCodeOf(() => issueKind.apply(null, bare, deputy))).toBe('forbidden_role')
    const cadre: Actor = { ...deputy, role: 'village_cadre', orgPath: V1 }
    const withOrigin = { ...capture, deputy: { visitId: 'v1', opinionId: '1' } }
    const forged = { op: 'create', payload: withOrigin, baseVersion: 0 }
    expect(refusalCodeOf(() => issueKind.apply(null, forged, cadre))).toBe('forbidden_role')
  })
})
