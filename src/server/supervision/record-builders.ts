/**
 * Stored records with a history, built from a few facts: an issue report
 * with its ledger, a discussion day, an assessment form, a policy and a
 * post-evaluation, shaped as their kinds store them. The demo history seed
 * and the supervision tests write them through `saveRecord`, the path every
 * pushed record takes, so the projection is the one production writes.
 */
import type { Kysely } from 'kysely'
import type { Role } from '#shared/auth/roles.ts'
import { interpretationDeadline } from '#shared/policy/interpretation.ts'
import {
  DEFAULT_STAGE_DEADLINES,
  stageDeadline,
  STATUS_STAGE,
} from '#shared/issue/issue.deadlines.ts'
import type {
  IssueCategory,
  IssueChannel,
  IssueEventAction,
  IssueStatus,
  Satisfaction,
} from '#shared/issue/issue.schema.ts'
import type { MeetingStatus, TopicOutcome } from '#shared/meeting/meeting.schema.ts'
import { uncapturedFields } from '#shared/issue/issue.capture.schema.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { RECORD_KINDS } from '#shared/record-kinds.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { recordKey, saveRecord } from '../sync/record.repository.ts'

/** 10:00 in China on a China date. */
export const at10 = (day: string) => `${day}T02:00:00.000Z`

/** One step of an issue's life: the action, the status it led to, the China date. */
export interface IssueStep {
  action: IssueEventAction
  to: IssueStatus
  on: string
  /** The unit that acted (defaults to the grid). */
  unitPath?: string
  satisfaction?: Satisfaction
  role?: Role
}

export interface IssueFacts {
  id: string
  gridPath: string
  category: IssueCategory
  channel: IssueChannel
  title: string
  /** The first step must be the registration. */
  steps: IssueStep[]
  /** Set with the dispatch step. */
  department?: string
}

/** An issue report's stored data after `steps`. */
export function issueData(facts: IssueFacts): Record<string, unknown> {
  const first = facts.steps[0]
  if (first?.action !== 'register') throw new Error('an issue starts with its registration')
  const gridId = pathIds(facts.gridPath).at(-1) ?? ''
  const township = `/${pathIds(facts.gridPath).slice(0, 2).join('/')}/`
  let escalated: string | null = null
  let department: string | null = null
  let resolution: Record<string, unknown> | null = null
  let feedback: Record<string, unknown> | null = null
  let reopenCount = 0
  // Entering a status of another stage starts that stage's clock, as the machine does.
  const deadlines: Record<string, unknown> = {}
  const events = facts.steps.map((step, index) => {
    const unitPath = step.unitPath ?? facts.gridPath
    const at = at10(step.on)
    const stage = STATUS_STAGE[step.to]
    const before = index === 0 ? null : STATUS_STAGE[facts.steps[index - 1]?.to ?? 'registered']
    if (stage && stage !== before)
      deadlines[stage] = stageDeadline(stage, step.on, DEFAULT_STAGE_DEADLINES)
    if (step.action === 'escalate') escalated = township
    if (step.action === 'dispatch') department = facts.department ?? null
    const tier =
      step.action === 'resolve_locally'
        ? 'village'
        : step.action === 'resolve_by_township'
          ? 'township'
          : step.action === 'reply'
            ? 'department'
            : null
    if (tier) resolution = { tier, text: '已答复群众', unitPath, actorName: '演示', at }
    if (step.action === 'feedback') {
      feedback = { satisfaction: step.satisfaction ?? 'satisfied', comment: '' }
      if (step.to !== 'closed') {
        reopenCount += 1
        if (step.to === 'accepted') escalated = null
      }
    }
    return {
      id: String(index + 1),
      action: step.action,
      fromStatus: index === 0 ? null : (facts.steps[index - 1]?.to ?? null),
      toStatus: step.to,
      actorId: 'demo-history',
      actorName: '演示',
      actorRole: step.role ?? 'grid_worker',
      unitId: pathIds(unitPath).at(-1) ?? '',
      unitPath,
      at,
      note: '',
      details: step.satisfaction ? { satisfaction: step.satisfaction } : {},
    }
  })
  const last = facts.steps.at(-1) ?? first
  return {
    isAnonymous: true,
    resident: null,
    channel: facts.channel,
    category: facts.category,
    tags: ['other'],
    title: facts.title,
    description: facts.title,
    ...uncapturedFields(),
    gridId,
    orgPath: facts.gridPath,
    status: last.to,
    reporterId: 'demo-history',
    reporterName: '演示',
    createdAt: at10(first.on),
    escalatedToTownship: escalated,
    assignedDepartment: department,
    meeting: null,
    deadlines,
    resolution,
    feedback,
    mergedInto: null,
    reopenCount,
    events,
  }
}

export interface MeetingFacts {
  id: string
  orgPath: string
  date: string
  status: MeetingStatus
  outcomes: Array<TopicOutcome | null>
  mediators: number
}

/** A discussion day's stored data. */
export function meetingData(facts: MeetingFacts): Record<string, unknown> {
  return {
    date: facts.date,
    place: '村委会议室',
    form: 'collective',
    topics: facts.outcomes.map((outcome, index) => ({
      issueId: `${facts.id}-topic-${index}`,
      title: '议题',
      tags: ['other'],
      isPrivate: false,
      verdict: 'discussable',
      status: 'scheduled_for_meeting',
      orgPath: facts.orgPath,
      views: '',
      outcome,
      minutes: '',
      followUps: '',
    })),
    policies: [],
    mediators: Array.from({ length: facts.mediators }, (_, index) => ({
      mediatorId: `${facts.id}-m${index}`,
      name: '解事员',
      level: 'village',
    })),
    notices: [],
    orgPath: facts.orgPath,
    status: facts.status,
    plannedById: 'demo-history',
    plannedByName: '演示',
    createdAt: at10(facts.date),
    signIn: null,
    photos: [],
    signedOff: null,
    amendments: [],
    cancelReason: facts.status === 'cancelled' ? '天气原因' : null,
    events: [
      {
        action: 'plan',
        actorId: 'demo-history',
        actorName: '演示',
        actorRole: 'village_cadre',
        at: at10(facts.date),
        note: '',
      },
    ],
  }
}

export interface FormFacts {
  id: string
  villagePath: string
  department: string
  on: string
  satisfaction: number
  withdrawn?: boolean
  campaignId?: string
}

/** An assessment form's stored data. */
export function formData(facts: FormFacts): Record<string, unknown> {
  const point = facts.satisfaction
  return {
    villagePath: facts.villagePath,
    scores: { effect: point, satisfaction: point, operability: point, reasonableness: point },
    shortcomings: '',
    risks: '',
    suggestions: '',
    ageBand: null,
    respondentRole: null,
    campaignId: facts.campaignId ?? '00000000-0000-4000-8000-000000000000',
    issuingDepartment: facts.department,
    channel: 'assisted',
    unitPath: facts.villagePath,
    status: facts.withdrawn ? 'withdrawn' : 'submitted',
    submittedAt: at10(facts.on),
    recordedBy: 'demo-history',
    recordedByName: '演示',
    withdrawal: facts.withdrawn
      ? { reason: '重复填写', by: 'demo-history', byName: '演示', at: at10(facts.on) }
      : null,
  }
}

export interface PolicyFacts {
  id: string
  department: string
  title: string
  issueDate: string
  /** China dates of interpretation sessions. */
  interpretedOn: string[]
}

/** A policy's stored data, its deadline 20 working days after issue. */
export function policyData(facts: PolicyFacts): Record<string, unknown> {
  return {
    title: facts.title,
    documentNumber: `演示〔${facts.issueDate.slice(0, 4)}〕${facts.id}号`,
    issuingDepartment: facts.department,
    issueDate: facts.issueDate,
    summary: facts.title,
    fullText: '',
    attachments: [],
    domains: ['other'],
    concerns: [facts.department],
    registeredBy: 'demo-history',
    registeredByName: '演示',
    registeredAt: at10(facts.issueDate),
    interpretationDeadline: interpretationDeadline(facts.issueDate),
    interpretations: facts.interpretedOn.map((heldOn) => ({
      heldOn,
      place: '说事站',
      interpreter: '起草科室',
      attendance: 30,
      meetingId: null,
      note: '',
      recordedBy: 'demo-history',
      recordedByName: '演示',
      recordedAt: at10(heldOn),
    })),
  }
}

export interface PostEvaluationFacts {
  id: string
  department: string
  title: string
  openedOn: string
  concluded: boolean
}

/** A post-evaluation's stored data. */
export function postEvaluationData(facts: PostEvaluationFacts): Record<string, unknown> {
  return {
    campaignId: facts.id,
    policyId: facts.id,
    policyTitle: facts.title,
    documentNumber: '演示',
    issuingDepartment: facts.department,
    villages: [],
    rule: { minResponses: 10, satisfiedShareBelow: 0.6, concernShareAtLeast: 0.5 },
    finding: {
      responses: 12,
      satisfiedShare: 0.5,
      concernShare: 0.2,
      reasons: ['low_satisfaction'],
    },
    formIds: [],
    openedAt: at10(facts.openedOn),
    status: facts.concluded ? 'concluded' : 'open',
    conclusion: facts.concluded
      ? {
          decision: 'adjust',
          reasons: '根据评议意见调整',
          by: 'demo-history',
          byName: '演示',
          at: at10(facts.openedOn),
        }
      : null,
  }
}

/**
 * Writes a new record through `saveRecord`, after its kind's own schema has
 * checked the data (devices hold these records like any other), with the
 * audience its kind gives it.
 */
export async function writeRecord(
  db: Kysely<DatabaseSchema>,
  kind: string,
  id: string,
  data: Record<string, unknown>,
): Promise<void> {
  const recordKind = RECORD_KINDS.find((known) => known.kind === kind)
  if (!recordKind) throw new Error(`unknown record kind ${kind}`)
  const parsed = recordKind.schema.safeParse(data)
  if (!parsed.success) {
    throw new Error(`built ${kind} ${id} is not valid: ${JSON.stringify(parsed.error.issues[0])}`)
  }
  const audience = recordKind.audience(parsed.data)
  const now = new Date().toISOString()
  await saveRecord(
    db,
    {
      key: recordKey(kind, id),
      kind,
      id,
      version: 1,
      org_path: audience[0] ?? '',
      data: JSON.stringify(parsed.data),
      created_at: now,
      updated_at: now,
    },
    { isNew: true, audience, previousAudience: [], attachments: [] },
  )
}
