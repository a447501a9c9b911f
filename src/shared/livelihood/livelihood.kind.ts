/**
 * The livelihood item as a sync record kind. Proposed by a village cadre or
 * township staff from public-interest reports, planned and submitted by the
 * township, decided by the county office, carried out by its responsible
 * unit (docs/livelihood-list.md). Who sees it: its township and every unit
 * below (a village sees its own and its township's items), the county
 * office, and its responsible department; a merged item's townships also
 * see the item it joined.
 */
import { chinaDate } from '../calendar/working-days.ts'
import { OPINION_KIND, opinionDataSchema } from '../consultation/opinion.schema.ts'
import { ISSUE_KIND } from '../issue/issue.kind.ts'
import { issueDataSchema } from '../issue/issue.schema.ts'
import { downwardAudience, isWithin, pathIds } from '../org/org-path.ts'
import {
  MutationRejection,
  parsePayload,
  recordReference,
  type Actor,
  type KindReferences,
  type RecordKind,
  type RecordReference,
  requireRole,
  shapeCheck,
} from '../sync/record-kind.ts'
import { applyChange, ledgerEntry } from './livelihood.apply.ts'
import { DEFAULT_SUBMIT_BY, submissionDueOf } from './livelihood.deadlines.ts'
import { LIVELIHOOD_OPS, livelihoodRefusal, type LivelihoodOp } from './livelihood.machine.ts'
import {
  hasSource,
  LIVELIHOOD_HOLDING,
  LIVELIHOOD_ITEM_KIND,
  livelihoodItemDataSchema,
  livelihoodProposalSchema,
  NO_SOURCE_MESSAGE,
  sourceOpinionIdsOf,
  type LivelihoodItemData,
} from './livelihood.schema.ts'

export { LIVELIHOOD_ITEM_KIND } from './livelihood.schema.ts'

/** Cheap shape check of a stored item, for the app's live lists (see `shapeCheck`). */
export const isLivelihoodItemData = shapeCheck<LivelihoodItemData>({
  string: ['name', 'township', 'status'],
  array: ['sourceIssueIds', 'events'],
})

/** The county's settings the kind depends on. */
export interface LivelihoodKindOptions {
  /** 'MM-DD' of the list's year by which a township submits it (LIVELIHOOD_SUBMIT_BY). */
  submitBy?: string
}

/** Depth of a township's path: county / township. */
const TOWNSHIP_DEPTH = 2
/** Depth of a village's path. */
const VILLAGE_DEPTH = 3

/** The proposer's township and village: a village cadre proposes for their village, township staff for the township. */
function placeOf(actor: Actor): { township: string; village: string | null } {
  const ids = pathIds(actor.orgPath)
  if (actor.role === 'village_cadre' && ids.length === VILLAGE_DEPTH) {
    return { township: `/${ids.slice(0, TOWNSHIP_DEPTH).join('/')}/`, village: actor.orgPath }
  }
  if (actor.role === 'township_staff' && ids.length === TOWNSHIP_DEPTH) {
    return { township: actor.orgPath, village: null }
  }
  throw new MutationRejection('forbidden_role', '只有村社干部或乡镇工作人员可以提出民生实事')
}

function propose(payload: Record<string, unknown>, actor: Actor, submitBy: string) {
  requireRole(actor, 'livelihood.propose', '只有村社干部或乡镇工作人员可以提出民生实事')
  const input = parsePayload(livelihoodProposalSchema, payload)
  const thisYear = Number(chinaDate(actor.at).slice(0, 4))
  if (input.year < thisYear || input.year > thisYear + 1) {
    throw new MutationRejection(
      'invalid_payload',
      `只能提出${thisYear}年或${thisYear + 1}年的民生实事`,
    )
  }
  if (!hasSource(input)) throw new MutationRejection('invalid_payload', NO_SOURCE_MESSAGE)
  const { township, village } = placeOf(actor)
  const data: LivelihoodItemData = {
    ...input,
    sourceIssueIds: [...new Set(input.sourceIssueIds)],
    sourceOpinionIds: [...new Set(input.sourceOpinionIds)],
    township,
    village,
    status: 'candidate',
    proposedBy: actor.userId,
    proposedByName: actor.userName,
    proposedAt: actor.at,
    submissionDue: submissionDueOf(input.year, submitBy),
    plan: null,
    submittedAt: null,
    acceptedAt: null,
    returnReason: null,
    mergedInto: null,
    mergedFrom: [],
    cancelReason: null,
    ranking: null,
    progress: [],
    delays: [],
    completion: null,
    events: [],
  }
  return { ...data, events: [ledgerEntry([], 'propose', null, 'candidate', actor)] }
}

function isOp(op: string): op is LivelihoodOp {
  return (LIVELIHOOD_OPS as readonly string[]).includes(op)
}

/** The item kind with the county's submission date. */
export function createLivelihoodKind({
  submitBy = DEFAULT_SUBMIT_BY,
}: LivelihoodKindOptions = {}): RecordKind<LivelihoodItemData> {
  return {
    kind: LIVELIHOOD_ITEM_KIND,
    schema: livelihoodItemDataSchema,
    apply(current, mutation, actor) {
      const { op, payload } = mutation
      if (op === 'create') {
        if (current) throw new MutationRejection('already_exists', '该民生实事已提出，请勿重复提交')
        return propose(payload, actor, submitBy)
      }
      if (!isOp(op)) throw new MutationRejection('unknown_op', '不支持的操作')
      if (!current) throw new MutationRejection('not_found', '该民生实事不存在或尚未同步')
      const refusal = livelihoodRefusal(current, op, actor)
      if (refusal) throw new MutationRejection(refusal.code, refusal.message)
      return applyChange(current, op, payload, actor)
    },
    audience: livelihoodAudience,
    attachments(data) {
      return [...data.progress.flatMap((entry) => entry.photos), ...(data.completion?.photos ?? [])]
    },
    references: livelihoodReferences,
  }
}

/**
 * Home: the proposing village (or the township). Then the township with a
 * downward mark (the township and every village and grid below it), the
 * responsible department, and the townships of items merged into it.
 */
export function livelihoodAudience(data: LivelihoodItemData): string[] {
  const responsible = data.plan?.responsibleUnit
  return [
    ...new Set([
      data.village ?? data.township,
      downwardAudience(data.township),
      ...(responsible && responsible !== data.township ? [responsible] : []),
      ...data.mergedFrom.map((entry) => downwardAudience(entry.township)),
    ]),
  ]
}

/** The reports and opinions an item (or a change) names. */
interface Sources {
  sourceIssueIds: readonly string[]
  sourceOpinionIds?: readonly string[]
}

/** True when `other` (another stored item) already holds one of the reports or opinions in `sources`. */
export function holdsAnyOf(other: unknown, sources: Sources, recordId: string): boolean {
  const parsed = livelihoodItemDataSchema.safeParse(other)
  if (!parsed.success) return false
  const item = parsed.data
  if (!LIVELIHOOD_HOLDING.includes(item.status) || item.mergedInto === recordId) return false
  const opinions = sourceOpinionIdsOf(sources)
  return (
    item.sourceIssueIds.some((id) => sources.sourceIssueIds.includes(id)) ||
    sourceOpinionIdsOf(item).some((id) => opinions.includes(id))
  )
}

/** The refusal of a report or opinion that already backs another item (it must not describe that item). */
export const SOURCE_TAKEN = {
  code: 'source_issue_taken',
  message: '所选诉求或意见已列入其他民生实事，一件诉求或意见只能列入一项民生实事',
}

/**
 * Each opinion must be one heard in the item's township (its village, or its
 * author's unit when heard above village level) and in the author's sight;
 * an opinion sent from the public page without a village belongs to no
 * township and cannot back an item.
 */
function opinionReferences(ids: readonly string[], township: string): RecordReference[] {
  return ids.map((id) =>
    recordReference(
      OPINION_KIND,
      opinionDataSchema,
      id,
      { code: 'unknown_source_opinion', message: '所选意见不存在或不在您的管辖范围内' },
      (opinion) => {
        if (!isWithin(opinion.villagePath ?? opinion.unitPath, township)) {
          throw new MutationRejection('out_of_scope', '所选意见不属于本乡镇')
        }
        return []
      },
    ),
  )
}

function sourceReferences(
  added: Sources,
  township: string,
  recordId: string,
  allSources: Sources,
): RecordReference[] {
  return [
    ...opinionReferences(sourceOpinionIdsOf(added), township),
    ...added.sourceIssueIds.map((id) =>
      recordReference(
        ISSUE_KIND,
        issueDataSchema,
        id,
        { code: 'unknown_source_issue', message: '所选诉求不存在或不在您的管辖范围内' },
        (issue) => {
          if (issue.category !== 'public_interest') {
            throw new MutationRejection('not_public_interest', '只有公益事项诉求可以列入民生实事')
          }
          if (!isWithin(issue.orgPath, township)) {
            throw new MutationRejection('out_of_scope', '所选诉求不属于本乡镇')
          }
          if (issue.status === 'withdrawn' || issue.status === 'merged') {
            throw new MutationRejection(
              'invalid_source_issue',
              '已撤回或已合并的诉求不能列入民生实事',
            )
          }
          return []
        },
      ),
    ),
    {
      type: 'distinct',
      kind: LIVELIHOOD_ITEM_KIND,
      id: recordId,
      ...SOURCE_TAKEN,
      clashes: (other) => holdsAnyOf(other, allSources, recordId),
    },
  ]
}

/**
 * What a change names outside the item: the township it is proposed to (an
 * addressee, so a village's proposal reaches its township), each source
 * report (a public-interest report of that township, in the author's
 * sight), and no other item holding one of them (checked on the server
 * under a lock, so parallel pushes cannot both pass); the department it is
 * handed to; the item a merge joins, and on `absorb` the item that joined.
 */
const livelihoodReferences: KindReferences<LivelihoodItemData> = (
  mutation,
  { recordId, current, next },
) => {
  const { op, payload } = mutation
  if (op === 'create') {
    return [
      {
        type: 'org_unit',
        path: next.township,
        tier: 'township',
        isAddressee: true,
        code: 'unknown_unit',
        message: '所属乡镇不存在',
      },
      ...sourceReferences(next, next.township, recordId, next),
    ]
  }
  if (
    op === 'edit' &&
    (Array.isArray(payload.sourceIssueIds) || Array.isArray(payload.sourceOpinionIds))
  ) {
    const held = current ? sourceOpinionIdsOf(current) : []
    const added = {
      sourceIssueIds: next.sourceIssueIds.filter((id) => !current?.sourceIssueIds.includes(id)),
      sourceOpinionIds: sourceOpinionIdsOf(next).filter((id) => !held.includes(id)),
    }
    return sourceReferences(added, next.township, recordId, next)
  }
  const responsible = next.plan?.responsibleUnit
  if ((op === 'plan' || op === 'accept') && responsible && responsible !== next.township) {
    if (responsible === current?.plan?.responsibleUnit && op === 'accept') return []
    return [
      {
        type: 'org_unit',
        path: responsible,
        tier: 'department',
        isAddressee: true,
        code: 'unknown_department',
        message: '承办单位应为本乡镇或本县的县级部门',
      },
    ]
  }
  if (op === 'merge') return mergeReferences(recordId, next)
  if (op === 'absorb') return absorbReferences(recordId, next, payload)
  return []
}

function mergeReferences(recordId: string, next: LivelihoodItemData): RecordReference[] {
  if (next.mergedInto === recordId) {
    throw new MutationRejection('invalid_payload', '不能把民生实事合并到它自己')
  }
  return [
    recordReference(
      LIVELIHOOD_ITEM_KIND,
      livelihoodItemDataSchema,
      next.mergedInto ?? '',
      { code: 'unknown_item', message: '要并入的民生实事不存在' },
      (target) => {
        if (!['submitted', 'accepted', 'in_progress'].includes(target.status)) {
          throw new MutationRejection(
            'invalid_transition',
            '只能并入已报送或已纳入县计划的民生实事',
          )
        }
        return []
      },
    ),
  ]
}

function absorbReferences(
  recordId: string,
  next: LivelihoodItemData,
  payload: Record<string, unknown>,
): RecordReference[] {
  const fromItemId = typeof payload.fromItemId === 'string' ? payload.fromItemId : ''
  const claimed = next.mergedFrom.find((entry) => entry.itemId === fromItemId)
  return [
    recordReference(
      LIVELIHOOD_ITEM_KIND,
      livelihoodItemDataSchema,
      fromItemId,
      { code: 'unknown_item', message: '要合并的民生实事不存在' },
      (from) => {
        const sources = Array.isArray(payload.sourceIssueIds) ? payload.sourceIssueIds : []
        const opinions = Array.isArray(payload.sourceOpinionIds) ? payload.sourceOpinionIds : []
        const fromOpinions = sourceOpinionIdsOf(from)
        const isSame =
          fromOpinions.length === opinions.length &&
          fromOpinions.every((id) => opinions.includes(id)) &&
          from.status === 'merged' &&
          from.mergedInto === recordId &&
          from.township === claimed?.township &&
          from.name === claimed.name &&
          from.sourceIssueIds.length === sources.length &&
          from.sourceIssueIds.every((id) => sources.includes(id))
        if (!isSame) {
          throw new MutationRejection('merge_mismatch', '请先把该民生实事合并到本项，再登记合并')
        }
        return [downwardAudience(from.township)]
      },
    ),
    {
      type: 'distinct',
      kind: LIVELIHOOD_ITEM_KIND,
      id: recordId,
      ...SOURCE_TAKEN,
      clashes: (other) => holdsAnyOf(other, next, recordId),
    },
  ]
}

/** The kind with the default submission date (devices, tests, tools). */
export const livelihoodItemKind: RecordKind<LivelihoodItemData> = createLivelihoodKind()
