/**
 * Many issue reports on the server, for the inbox benchmark: each one is
 * built by the real issue kind — a 'create' by the grid's worker, then the
 * lifecycle transitions the right people would take (accept, escalate,
 * dispatch, reply, feedback, withdraw, merge…) — at chosen past instants, so
 * statuses, ledgers, deadlines and overdue flags are what the app would hold
 * after months of use. Pushing through the sync API cannot do that: the
 * server stamps every change with its own clock, so all reports would be
 * from today and none overdue. The records are written with the server's
 * own `saveRecord` (record, audience, change log), as a push writes them,
 * one change-log entry per issue at its final version; the app then copies
 * them with its ordinary first sync.
 *
 * Everything is drawn from a seeded generator: the same count gives the same
 * county every run (ids aside).
 */
import { uuidv7 } from 'uuidv7'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { isOverdue } from '#shared/issue/issue.deadlines.ts'
import { issueKind, ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import {
  ISSUE_CATEGORIES,
  ISSUE_CHANNELS,
  type IssueData,
  type IssueStatus,
} from '#shared/issue/issue.schema.ts'
import { DOMAIN_TAGS } from '#shared/common/tags.ts'
import type { Role } from '#shared/auth/roles.ts'
import type { Actor } from '#shared/sync/record-kind.ts'
import { demoCounty } from '#server/db/seed.ts'
import type { Database } from '#server/db/database.ts'
import { recordKey, saveRecord } from '#server/sync/record.repository.ts'

export interface IssueSetOptions {
  count: number
  /** The village whose grids the reports are registered in, e.g. 'demo-t1-v1'. */
  villageId: string
  /** Seed of the generator (a different one per set keeps two sets apart). */
  seed: number
  /** "Now" for the generated history; reports are dated before it. */
  now?: Date
}

export interface IssueSetSummary {
  count: number
  byStatus: Partial<Record<IssueStatus, number>>
  overdue: number
  /** A word that occurs in some titles, and how many reports hold it (search figure). */
  searchWord: string
  searchHits: number
}

/** Mulberry32: small, fast and good enough to spread test data. */
function generator(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    chance: (p: number) => next() < p,
  }
}
type Random = ReturnType<typeof generator>

// Words that make titles differ, so a search has something to find.
const PLACES = ['村口', '三组', '五组', '老街', '小学门口', '卫生室旁', '河堤', '文化广场', '后山']
const MATTERS = [
  '路灯不亮',
  '水渠堵塞',
  '垃圾乱堆',
  '宅基地界址争议',
  '低保申请咨询',
  '医保报销问题',
  '道路坑洼',
  '邻居占道堆物',
  '养老服务需求',
  '自来水停水',
  '危房改造申请',
  '灌溉用水纠纷',
]
/** Occurs in the titles of one matter in twelve. */
export const SEARCH_WORD = '水渠'
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']

/** Share of reports that end in each status (sums to 1). */
const STATUS_WEIGHTS: ReadonlyArray<[IssueStatus, number]> = [
  ['registered', 0.12],
  ['accepted', 0.1],
  ['scheduled_for_meeting', 0.05],
  ['escalated', 0.06],
  ['dispatched', 0.05],
  ['awaiting_feedback', 0.07],
  ['closed', 0.45],
  ['withdrawn', 0.06],
  ['merged', 0.04],
]

const HOUR = 3_600_000
const DAY = 24 * HOUR

function weightedStatus(random: Random): IssueStatus {
  let roll = random.next()
  for (const [status, weight] of STATUS_WEIGHTS) {
    roll -= weight
    if (roll < 0) return status
  }
  return 'closed'
}

/** Demo accounts as actors (the ids the seed gives them), by role and unit. */
function demoActors() {
  const { units, accounts } = demoCounty()
  const pathOf = new Map(units.map((unit) => [unit.id, unit.path]))
  return (role: Role, unitId: string, at: string): Actor => {
    const account = accounts.find((a) => a.role === role && a.orgUnitId === unitId)
    const orgPath = pathOf.get(unitId)
    if (!account || !orgPath) throw new Error(`no demo ${role} in ${unitId}`)
    return {
      userId: `demo-user-${account.phone}`,
      userName: account.name,
      role,
      orgUnitId: unitId,
      orgPath,
      at,
    }
  }
}

/** The steps that lead to `status`, as [role, action, payload] (the reporter is the grid worker). */
function stepsTo(
  status: IssueStatus,
  random: Random,
  mergeInto: string | null,
): Array<[Role, string, Record<string, unknown>]> {
  const accept: [Role, string, Record<string, unknown>] = ['village_cadre', 'accept', {}]
  const escalate: [Role, string, Record<string, unknown>] = [
    'village_cadre',
    'escalate',
    { reason: '村里无力解决，需乡镇协调。' },
  ]
  const dispatch: [Role, string, Record<string, unknown>] = [
    'township_staff',
    'dispatch',
    { department: `/demo-county/demo-dept-${1 + random.int(5)}/`, note: '请部门研究答复。' },
  ]
  const resolutions: Array<Array<[Role, string, Record<string, unknown>]>> = [
    [accept, ['village_cadre', 'resolve_locally', { resolution: '已现场协调解决。' }]],
    [
      accept,
      escalate,
      ['township_staff', 'resolve_by_township', { resolution: '乡镇已协调办结。' }],
    ],
    [accept, escalate, dispatch, ['department_staff', 'reply', { reply: '已按政策答复群众。' }]],
  ]
  const resolved = () => random.pick(resolutions)
  switch (status) {
    case 'registered':
      return []
    case 'accepted':
      // One in five is a matter reopened after an unhappy feedback visit.
      return random.chance(0.2)
        ? [
            ...resolved(),
            [
              'grid_worker',
              'feedback',
              { satisfaction: 'dissatisfied', comment: '群众认为还没解决。' },
            ],
          ]
        : [accept]
    case 'scheduled_for_meeting':
      return [
        accept,
        [
          'village_cadre',
          'schedule_meeting',
          { meetingId: `meeting-${random.int(40)}`, meetingDate: '' },
        ],
      ]
    case 'escalated':
      return [accept, escalate]
    case 'dispatched':
      return [accept, escalate, dispatch]
    case 'awaiting_feedback':
      return resolved()
    case 'closed':
      return [
        ...resolved(),
        [
          'grid_worker',
          'feedback',
          { satisfaction: random.pick(['satisfied', 'basically_satisfied']), comment: '' },
        ],
      ]
    case 'withdrawn':
      return [
        ...(random.chance(0.5) ? [accept] : []),
        ['village_cadre', 'withdraw', { reason: '群众表示已自行解决。' }],
      ]
    case 'merged':
      return mergeInto
        ? [['village_cadre', 'merge', { into: mergeInto, note: '与先前登记的事项重复。' }]]
        : [accept]
  }
}

/** One issue's whole history, applied by the real kind; returns its final data. */
function buildIssue(
  random: Random,
  actorFor: ReturnType<typeof demoActors>,
  villageId: string,
  now: number,
  mergeInto: string | null,
): IssueData {
  const status = weightedStatus(random)
  const isOpen = !['closed', 'withdrawn', 'merged'].includes(status)
  // Finished matters spread over the past year; open ones are mostly from the
  // last two days (in time) and one in five is older (typically overdue).
  const age = !isOpen
    ? 3 * DAY + random.next() * 360 * DAY
    : random.chance(0.8)
      ? random.next() * 1.5 * DAY
      : 5 * DAY + random.next() * 55 * DAY
  let at = now - age
  const gridId = `${villageId}-g${1 + random.int(2)}`
  const matter = random.pick(MATTERS)
  const place = random.pick(PLACES)
  const isAnonymous = random.chance(0.15)
  const steps = stepsTo(status, random, mergeInto)
  const canMeet = steps.some(([, action]) => action === 'schedule_meeting')
  const tags = [random.pick(DOMAIN_TAGS)]
  if (random.chance(0.3)) {
    const extra = random.pick(DOMAIN_TAGS)
    if (!tags.includes(extra)) tags.push(extra)
  }
  const payload: Record<string, unknown> = {
    isAnonymous,
    resident: isAnonymous
      ? null
      : {
          name: `${random.pick(SURNAMES)}${random.pick(['秀英', '建国', '桂兰', '志强', '丽'])}`,
          phone: `138${String(10_000_000 + random.int(89_999_999))}`,
        },
    channel: random.pick(ISSUE_CHANNELS),
    category: random.pick(ISSUE_CATEGORIES),
    tags,
    title: `${place}${matter}`,
    description: `${place}${matter}，群众反映已有一段时间，希望尽快解决。编号${random.int(1_000_000)}。`,
    place,
    gpsConsent: false,
    gps: null,
    // No photos: the bench measures the list, and photos would make the
    // device download blobs that do not exist.
    photos: [],
    urgency: random.pick(['normal', 'normal', 'normal', 'urgent', 'critical']),
    isPrivate: !canMeet && random.chance(0.1),
    discussable: { verdict: canMeet ? 'discussable' : random.pick(['discussable', 'unknown']) },
    gridId,
    orgPath: `/demo-county/${villageId.replace(/-v\d+$/, '')}/${villageId}/${gridId}/`,
  }
  const unitOf: Record<string, string> = {
    grid_worker: gridId,
    village_cadre: villageId,
    township_staff: villageId.replace(/-v\d+$/, ''),
  }
  const iso = () => new Date(at).toISOString()
  let data = issueKind.apply(
    null,
    { op: 'create', payload, baseVersion: 0 },
    actorFor('grid_worker', gridId, iso()),
  )
  for (const [role, action, fields] of steps) {
    // Each step a few hours to two days after the last, never in the future.
    at = Math.min(now - 60_000, at + HOUR + random.next() * (isOpen ? 0.3 : 2) * DAY)
    const unitId =
      role === 'department_staff'
        ? (data.assignedDepartment?.split('/').at(-2) ?? '')
        : (unitOf[role] ?? '')
    const extra = action === 'schedule_meeting' ? { meetingDate: chinaDate(iso()) } : {}
    data = issueKind.apply(
      data,
      {
        op: 'transition',
        payload: { ...fields, ...extra, action },
        baseVersion: data.events.length,
      },
      actorFor(role, unitId, iso()),
    )
  }
  return issueKind.schema.parse(data)
}

/**
 * Writes `count` issue reports in the village's two grids into the server's
 * sync tables, in transactions of 1,000; returns what the set holds.
 */
export async function loadIssues(
  database: Database,
  { count, villageId, seed, now = new Date() }: IssueSetOptions,
): Promise<IssueSetSummary> {
  const random = generator(seed)
  const actorFor = demoActors()
  const today = chinaDate(now.toISOString())
  const summary: IssueSetSummary = {
    count,
    byStatus: {},
    overdue: 0,
    searchWord: SEARCH_WORD,
    searchHits: 0,
  }
  const ids: string[] = []
  const CHUNK = 1_000
  for (let start = 0; start < count; start += CHUNK) {
    const batch: Array<{ id: string; data: IssueData }> = []
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const mergeInto = ids.length > 0 ? random.pick(ids) : null
      const data = buildIssue(random, actorFor, villageId, now.getTime(), mergeInto)
      const id = uuidv7()
      ids.push(id)
      batch.push({ id, data })
      summary.byStatus[data.status] = (summary.byStatus[data.status] ?? 0) + 1
      if (isOverdue(data, today)) summary.overdue += 1
      if (data.title.includes(SEARCH_WORD) || data.description.includes(SEARCH_WORD))
        summary.searchHits += 1
    }
    await database.db.transaction().execute(async (trx) => {
      for (const { id, data } of batch) {
        const updatedAt = data.events.at(-1)?.at ?? data.createdAt
        const audience = issueKind.audience(data)
        await saveRecord(
          trx,
          {
            key: recordKey(ISSUE_KIND, id),
            kind: ISSUE_KIND,
            id,
            // One version per change, as the pushes would have counted them.
            version: data.events.length,
            org_path: audience[0] ?? data.orgPath,
            data: JSON.stringify(data),
            created_at: data.createdAt,
            updated_at: updatedAt,
          },
          { isNew: true, audience, previousAudience: [], attachments: [] },
        )
      }
    })
  }
  return summary
}
