// @vitest-environment happy-dom
// The desk reads lean rows and the signed-in person's own outbox, and counts
// exactly what the shared rules count over the whole records.
import 'fake-indexeddb/auto'
import { effectScope, watch } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Me } from '#shared/auth/auth.schema.ts'
import type { Role } from '#shared/auth/roles.ts'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { computeDesk } from '#shared/desk/desk.ts'
import type { Desk, DeskInput } from '#shared/desk/desk.types.ts'
import { appDb, type LocalRecord } from '#app/db/app-db.ts'
import { useAuthStore } from '#app/features/auth/index.ts'
import {
  accepted,
  actorAt,
  change,
  PROPOSAL,
  submitted,
} from '#shared/livelihood/livelihood.fixtures.ts'
import { useWorkDesk } from './use-work-desk.ts'
import { outboxEntry } from './outbox-entry.fixture.ts'

const TODAY = chinaDate(new Date().toISOString())
const FAR = '2099-12-31'
const LONG_AGO = '2020-01-06'
const VILLAGE = '/c/t/v/'
const GRID = '/c/t/v/g/'
const DEPT = '/c/d/'

function signIn(role: Role, path: string, userId: string): Me {
  const unit = { id: 'u', parentId: null, tier: 'grid', name: '单位', path } as const
  const me: Me = {
    user: { id: userId, phone: '', name: '某人', role, orgUnitId: 'u' },
    orgUnit: unit,
    orgPath: [unit],
  }
  const auth = useAuthStore()
  auth.me = me
  return me
}

function record(kind: string, id: string, data: Record<string, unknown>): LocalRecord {
  return {
    key: `${kind}:${id}`,
    kind,
    id,
    version: 1,
    orgPath: typeof data.orgPath === 'string' ? data.orgPath : '/c/',
    data,
    updatedAt: '2026-11-27T00:00:00.000Z',
    hasPending: 0,
  }
}

// Whole records as their kinds store them (the fields the desk does not read included).
const meeting = {
  date: FAR,
  startTime: '09:00',
  place: '村说事站',
  orgPath: VILLAGE,
  status: 'planned' as const,
  mediators: [{ mediatorId: 'm1', name: '老李', level: 'village', userId: 'mediator-1' }],
  topics: [{ issueId: 'i1', title: '路灯', orgPath: GRID }],
  events: [
    {
      action: 'plan',
      actorId: 'c',
      actorName: '村',
      actorRole: 'village_cadre',
      at: 'x',
      note: '',
    },
  ],
  plannedById: 'c',
  createdAt: '2026-11-01T00:00:00.000Z',
}
const campaign = {
  policyId: 'p1',
  policyTitle: '政策',
  documentNumber: '县发〔2026〕1号',
  issuingDepartment: DEPT,
  villages: [VILLAGE],
  grids: [GRID],
  opensOn: LONG_AGO,
  closesOn: FAR,
  rule: null,
  status: 'open' as const,
  openedAt: '2026-11-02T00:00:00.000Z',
}
const policy = {
  title: '政策',
  documentNumber: '县发〔2026〕1号',
  issueDate: LONG_AGO,
  issuingDepartment: DEPT,
  registeredAt: '2026-11-03T00:00:00.000Z',
  interpretationDeadline: { date: '2020-02-03', isEstimate: false },
  interpretations: [],
}
const postEvaluation = {
  campaignId: 'c1',
  policyId: 'p1',
  issuingDepartment: DEPT,
  villages: [VILLAGE],
  finding: { responses: 10, satisfiedShare: 0.2, concernShare: 0.5, reasons: [] },
  formIds: [],
  openedAt: '2026-11-04T00:00:00.000Z',
  status: 'open' as const,
  conclusion: null,
}

/** An issue report of the grid at `status`, its current stage due on `due`, last changed at `lastAt`. */
function issueData(status: 'accepted', due: string, lastAt = '2026-01-05T02:00:00.000Z') {
  const deadline = { startedOn: LONG_AGO, due, workingDays: 5, isEstimate: false }
  return {
    title: '村道坑洼',
    description: '',
    status,
    category: 'public_interest',
    tags: [],
    orgPath: GRID,
    createdAt: '2026-01-05T02:00:00.000Z',
    reporterId: 'grid-a',
    escalatedToTownship: null,
    assignedDepartment: null,
    deadlines: { village: deadline },
    reopenCount: 0,
    isPrivate: false,
    events: [{ action: 'accept', at: lastAt }],
  }
}

/** The desk once it has read everything. */
function deskOf(): Promise<Desk> {
  const scope = effectScope()
  const live = scope.run(() => useWorkDesk())
  if (!live) throw new Error('no desk')
  return new Promise((resolve) => {
    watch(
      live.desk,
      (desk) => {
        if (!desk) return
        resolve(desk)
        queueMicrotask(() => scope.stop())
      },
      { immediate: true },
    )
  })
}

/** The same records, whole, through the shared rules. */
function wholeInput(overrides: Partial<DeskInput>): DeskInput {
  return {
    issues: [],
    meetings: [{ id: 'd1', data: meeting }],
    policies: [policy],
    campaigns: [campaign],
    postEvaluations: [postEvaluation],
    // The device holds no consultation here: the department's line shows none.
    opinionsToAnswer: [],
    hasCaptureDraft: false,
    unsentCount: 0,
    refusedCount: 0,
    ...overrides,
  }
}

beforeEach(async () => {
  setActivePinia(createPinia())
  await appDb.records.bulkPut([
    record('meeting', 'd1', meeting),
    record('assessment_campaign', 'c1', campaign),
    record('policy', 'p1', policy),
    record('post_evaluation', 'c1', postEvaluation),
  ])
})
afterEach(async () => {
  await Promise.all([appDb.records.clear(), appDb.outbox.clear()])
})

describe('the work desk on the device', () => {
  it('reads lean rows of days, policies, campaigns and cases, not whole records', async () => {
    const rows = await appDb.rows.toArray()
    expect(rows.map((row) => row.kind).sort()).toEqual([
      'assessment_campaign',
      'meeting',
      'policy',
      'post_evaluation',
    ])
    const day = rows.find((row) => row.kind === 'meeting')
    expect(day?.data).not.toHaveProperty('topics')
    expect(day?.data).not.toHaveProperty('events')
    expect(day?.data.mediators).toEqual([{ userId: 'mediator-1' }])
  })

  it('counts for a department what the rules count over the whole records', async () => {
    const me = signIn('department_staff', DEPT, 'dept-1')
    const viewer = { userId: me.user.id, role: me.user.role, orgPath: DEPT, today: TODAY }
    const desk = await deskOf()
    expect(desk).toEqual(computeDesk(wholeInput({}), viewer))
    const keys = desk.counts.filter((count) => count.count > 0).map((count) => count.key)
    expect(keys).toEqual(['interpretationDue', 'postEvaluationsToConclude'])
  })

  it('counts a department its late livelihood item from the lean row', async () => {
    const whole = accepted()
    const plan = whole.plan && { ...whole.plan, responsibleUnit: DEPT, plannedStart: LONG_AGO }
    // Started long ago with no progress reported: late for its responsible unit.
    const item = { ...whole, plan }
    await appDb.records.put(record('livelihood_item', 'l1', item))
    const me = signIn('department_staff', DEPT, 'dept-1')
    const viewer = { userId: me.user.id, role: me.user.role, orgPath: DEPT, today: TODAY }
    const desk = await deskOf()
    expect(desk).toEqual(computeDesk(wholeInput({ livelihoodItems: [item] }), viewer))
    expect(desk.counts.find((line) => line.key === 'livelihoodOverdue')?.count).toBe(1)
    const row = await appDb.rows.get('livelihood_item:l1')
    // Of the ledger, only its last return and cancellation (none here).
    expect(row?.data.events).toEqual([])
    expect(row?.data).not.toHaveProperty('description')
  })

  it('never counts late at the village a report an on-schedule livelihood item holds', async () => {
    const [held, free] = PROPOSAL.sourceIssueIds
    const whole = accepted()
    const plan = whole.plan && { ...whole.plan, plannedStart: TODAY, plannedCompletion: FAR }
    await appDb.records.bulkPut([
      record('issue', held ?? '', issueData('accepted', LONG_AGO)),
      record('issue', 'free', issueData('accepted', LONG_AGO)),
      record('livelihood_item', 'l1', { ...whole, plan, sourceIssueIds: [held] }),
    ])
    expect(free).toBeDefined()
    signIn('village_cadre', VILLAGE, 'cadre-1')
    const line = (await deskOf()).counts.find((count) => count.key === 'overdueAtVillage')
    expect([line?.count, line?.overdueCount]).toEqual([1, 1])
  })

  it('asks the grid worker to visit the residents of a returned item’s untouched reports', async () => {
    const reason = '该路段已列入县交通局明年计划'
    const item = change(submitted(), 'return', { reason }, actorAt('county'))
    const [untouched, answered] = PROPOSAL.sourceIssueIds
    await appDb.records.bulkPut([
      record('issue', untouched ?? '', issueData('accepted', FAR, '2026-01-05T02:00:00.000Z')),
      // The village answered this one after the return: the visit is made.
      record('issue', answered ?? '', issueData('accepted', FAR, '2099-01-05T02:00:00.000Z')),
      record('livelihood_item', 'l1', item),
    ])
    signIn('grid_worker', GRID, 'grid-a')
    const line = (await deskOf()).counts.find((count) => count.key === 'listFeedbackDue')
    expect(line).toMatchObject({ count: 1, to: { path: `/issues/${untouched}` } })
  })

  it("counts a grid worker's own unsent and refused changes, not the shared phone's", async () => {
    await appDb.outbox.bulkAdd([
      outboxEntry(1, 'grid-a', 'pending'),
      outboxEntry(2, 'grid-a', 'pending'),
      outboxEntry(3, 'grid-a', 'rejected'),
      // Another person's changes on the same phone, saved under their session.
      outboxEntry(4, 'grid-b', 'pending'),
      outboxEntry(5, 'grid-b', 'rejected'),
      outboxEntry(6, 'grid-b', 'rejected'),
    ])
    const me = signIn('grid_worker', GRID, 'grid-a')
    const viewer = { userId: me.user.id, role: me.user.role, orgPath: GRID, today: TODAY }
    const desk = await deskOf()
    expect(desk).toEqual(computeDesk(wholeInput({ unsentCount: 2, refusedCount: 1 }), viewer))
    const count = (key: string) => desk.counts.find((line) => line.key === key)?.count
    expect([count('unsent'), count('refused'), count('openCampaigns')]).toEqual([2, 1, 1])
    expect(desk.nextDay).toEqual({ id: 'd1', date: FAR, startTime: '09:00', place: '村说事站' })
  })
})
