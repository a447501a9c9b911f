/**
 * How each change makes the item's next state: pure functions of (current,
 * payload, actor) that the kind's `apply` runs once the lifecycle table
 * (livelihood.machine.ts) allowed the change. Each appends one ledger entry.
 */
import { chinaDate } from '../calendar/working-days.ts'
import { MutationRejection, parsePayload, type Actor } from '../sync/record-kind.ts'
import { completionDue } from './livelihood.deadlines.ts'
import { statusAfter, type LivelihoodOp } from './livelihood.machine.ts'
import { LIVELIHOOD_PAYLOADS } from './livelihood.payloads.ts'
import {
  hasSource,
  NO_SOURCE_MESSAGE,
  sourceOpinionIdsOf,
  type LivelihoodAction,
  type LivelihoodEvent,
  type LivelihoodItemData,
  type LivelihoodPlan,
} from './livelihood.schema.ts'

/** The next sequence number of a list of entries numbered from "1". */
function nextId(entries: readonly unknown[]): string {
  return String(entries.length + 1)
}

/** A ledger entry for `action` taking the item from its status to `to`. */
export function ledgerEntry(
  events: readonly LivelihoodEvent[],
  action: LivelihoodAction,
  from: LivelihoodItemData['status'] | null,
  to: LivelihoodItemData['status'],
  actor: Actor,
  note = '',
  details: Record<string, string> = {},
): LivelihoodEvent {
  return {
    id: nextId(events),
    action,
    fromStatus: from,
    toStatus: to,
    actorId: actor.userId,
    actorName: actor.userName,
    actorRole: actor.role,
    unitPath: actor.orgPath,
    at: actor.at,
    note,
    details,
  }
}

function refuse(message: string): never {
  throw new MutationRejection('invalid_payload', message)
}

/** Refuses a date after the author's today (China time). */
function notFuture(date: string, actor: Actor, what: string): void {
  if (date > chinaDate(actor.at)) refuse(`${what}不能晚于今天`)
}

/** What one change sets on the item, its ledger note and details. */
interface Change {
  patch: Partial<LivelihoodItemData>
  note?: string
  details?: Record<string, string>
}

type ChangeOf = (current: LivelihoodItemData, payload: unknown, actor: Actor) => Change

function planOf(current: LivelihoodItemData, payload: unknown): LivelihoodPlan {
  const input = parsePayload(LIVELIHOOD_PAYLOADS.plan, payload)
  return {
    ...input,
    milestones: input.milestones.map((milestone, index) => ({
      id: String(index + 1),
      name: milestone.name,
      plannedOn: milestone.plannedOn,
      doneOn: null,
      note: '',
    })),
  }
}

const CHANGES: Readonly<Record<LivelihoodOp, ChangeOf>> = {
  edit(current, payload) {
    const input = parsePayload(LIVELIHOOD_PAYLOADS.edit, payload)
    const patch: Partial<LivelihoodItemData> = { ...input }
    if (input.sourceIssueIds) patch.sourceIssueIds = [...new Set(input.sourceIssueIds)]
    if (input.sourceOpinionIds) patch.sourceOpinionIds = [...new Set(input.sourceOpinionIds)]
    if (!hasSource({ ...current, ...patch })) refuse(NO_SOURCE_MESSAGE)
    return { patch, details: { fields: Object.keys(input).sort().join(',') } }
  },
  plan(current, payload) {
    const plan = planOf(current, payload)
    return { patch: { plan }, details: { responsibleUnit: plan.responsibleUnit } }
  },
  submit(current, payload, actor) {
    const { note } = parsePayload(LIVELIHOOD_PAYLOADS.submit, payload)
    return { patch: { submittedAt: actor.at }, note }
  },
  accept(current, payload, actor) {
    const { note, responsibleUnit } = parsePayload(LIVELIHOOD_PAYLOADS.accept, payload)
    if (!current.plan) refuse('该民生实事尚无实施计划')
    const plan = responsibleUnit ? { ...current.plan, responsibleUnit } : current.plan
    return {
      patch: { acceptedAt: actor.at, plan },
      note,
      details: { responsibleUnit: plan.responsibleUnit },
    }
  },
  merge(current, payload) {
    const { intoItemId, reason } = parsePayload(LIVELIHOOD_PAYLOADS.merge, payload)
    return { patch: { mergedInto: intoItemId }, note: reason, details: { intoItemId } }
  },
  absorb(current, payload) {
    const input = parsePayload(LIVELIHOOD_PAYLOADS.absorb, payload)
    if (current.mergedFrom.some((entry) => entry.itemId === input.fromItemId)) {
      refuse('该民生实事已并入本项')
    }
    return {
      patch: {
        sourceIssueIds: [...new Set([...current.sourceIssueIds, ...input.sourceIssueIds])],
        sourceOpinionIds: [...new Set([...sourceOpinionIdsOf(current), ...input.sourceOpinionIds])],
        mergedFrom: [
          ...current.mergedFrom,
          { itemId: input.fromItemId, name: input.name, township: input.township },
        ],
      },
      details: { fromItemId: input.fromItemId, township: input.township },
    }
  },
  return(current, payload) {
    const { reason } = parsePayload(LIVELIHOOD_PAYLOADS.return, payload)
    return { patch: { returnReason: reason }, note: reason }
  },
  rank(current, payload, actor) {
    const ranking = parsePayload(LIVELIHOOD_PAYLOADS.rank, payload)
    if (ranking.position > ranking.of) refuse('排名不能大于参与排序的事项数')
    notFuture(ranking.rankedOn, actor, '排序日期')
    return {
      patch: { ranking },
      note: ranking.note,
      details: { position: String(ranking.position), of: String(ranking.of) },
    }
  },
  progress(current, payload, actor) {
    const input = parsePayload(LIVELIHOOD_PAYLOADS.progress, payload)
    notFuture(input.date, actor, '进度日期')
    const last = current.progress.at(-1)
    if (last && input.date < last.date) refuse(`进度日期不能早于上次登记的${last.date}`)
    if (last && input.percent < last.percent) refuse(`完成进度不能低于上次登记的${last.percent}%`)
    const entry = {
      ...input,
      id: nextId(current.progress),
      recordedBy: actor.userId,
      recordedByName: actor.userName,
      recordedAt: actor.at,
    }
    return {
      patch: { progress: [...current.progress, entry] },
      note: input.note,
      details: { percent: String(input.percent), date: input.date },
    }
  },
  milestone(current, payload, actor) {
    const input = parsePayload(LIVELIHOOD_PAYLOADS.milestone, payload)
    notFuture(input.doneOn, actor, '完成日期')
    const plan = current.plan
    const milestone = plan?.milestones.find((entry) => entry.id === input.milestoneId)
    if (!plan || !milestone) refuse('该节点不存在')
    if (milestone.doneOn !== null) refuse('该节点已完成')
    const milestones = plan.milestones.map((entry) =>
      entry.id === input.milestoneId ? { ...entry, doneOn: input.doneOn, note: input.note } : entry,
    )
    return {
      patch: { plan: { ...plan, milestones } },
      note: input.note,
      details: { milestoneId: milestone.id, milestone: milestone.name, doneOn: input.doneOn },
    }
  },
  delay(current, payload, actor) {
    const input = parsePayload(LIVELIHOOD_PAYLOADS.delay, payload)
    const previous = completionDue(current)
    if (previous === null) refuse('该民生实事尚无计划完成日期')
    if (input.newCompletion <= previous) refuse(`新的完成日期应晚于${previous}`)
    const entry = {
      ...input,
      id: nextId(current.delays),
      previousCompletion: previous,
      recordedBy: actor.userId,
      recordedByName: actor.userName,
      recordedAt: actor.at,
    }
    return {
      patch: { delays: [...current.delays, entry] },
      note: input.reason,
      details: { previousCompletion: previous, newCompletion: input.newCompletion },
    }
  },
  complete(current, payload, actor) {
    const input = parsePayload(LIVELIHOOD_PAYLOADS.complete, payload)
    notFuture(input.acceptedOn, actor, '验收日期')
    if (input.acceptedOn < input.completedOn) refuse('验收日期不能早于完成日期')
    const completion = {
      ...input,
      recordedBy: actor.userId,
      recordedByName: actor.userName,
      recordedAt: actor.at,
    }
    return {
      patch: { completion },
      note: input.conclusion,
      details: { completedOn: input.completedOn, acceptedOn: input.acceptedOn },
    }
  },
  cancel(current, payload) {
    const { reason } = parsePayload(LIVELIHOOD_PAYLOADS.cancel, payload)
    return { patch: { cancelReason: reason }, note: reason }
  },
}

/** The item after `op` (already allowed by the lifecycle), with its ledger entry. */
export function applyChange(
  current: LivelihoodItemData,
  op: LivelihoodOp,
  payload: unknown,
  actor: Actor,
): LivelihoodItemData {
  const { patch, note = '', details = {} } = CHANGES[op](current, payload, actor)
  const to = statusAfter(op, current.status)
  const action: LivelihoodAction = op
  return {
    ...current,
    ...patch,
    status: to,
    events: [
      ...current.events,
      ledgerEntry(current.events, action, current.status, to, actor, note, details),
    ],
  }
}

/** Percent complete: 100 once completed, else the latest progress report's (0 before any). */
export function currentPercent(data: LivelihoodItemData): number {
  if (data.status === 'completed') return 100
  return data.progress.at(-1)?.percent ?? 0
}
