/**
 * The record kind of a residents' ranking (开单排序, issue #16.2): opened by
 * a village cadre over the village's candidate items; counted either by the
 * day's minutes (`tally`, which closes it) or one ballot at a time by the
 * public ranking route after it spent a one-time code (`ballot`, only the
 * system actor), and closed by the cadre. It stores counts only: which
 * resident chose what is never recorded, not even the code.
 */
import { meetingDataSchema, MEETING_KIND } from '../meeting/meeting.schema.ts'
import { villagePathOf } from '../meeting/meeting.rules.ts'
import { isWithin, pathIds } from '../org/org-path.ts'
import { LIVELIHOOD_ITEM_KIND, livelihoodItemDataSchema } from './livelihood.schema.ts'
import {
  MutationRejection,
  parsePayload,
  recordReference,
  type Actor,
  type KindApply,
  type KindReferences,
  type RecordKind,
  requireRole,
} from '../sync/record-kind.ts'
import { addBallot } from './ranking.ts'
import {
  rankingBallotSchema,
  rankingCreateSchema,
  rankingDataSchema,
  rankingTallySchema,
  type RankingData,
} from './ranking.schema.ts'

/** The kind's name in the sync protocol. */
export const RANKING_KIND = 'livelihood_ranking'

/**
 * The system actor of the public ranking route. Its id has a colon, so no
 * device can claim it: the actor comes from the session (see
 * `PUBLIC_BALLOT_ACTOR_ID`).
 */
export const PUBLIC_RANKING_ACTOR_ID = 'system:public-ranking'

const VILLAGE_DEPTH = 3

/** True when `data` has a ranking's shape: the app's live list checks this instead of parsing. */
export function isRankingData(
  data: Record<string, unknown>,
): data is Record<string, unknown> & RankingData {
  return (
    typeof data.orgPath === 'string' &&
    Array.isArray(data.candidates) &&
    (data.channel === 'meeting' || data.channel === 'ballot')
  )
}

function mustRank(actor: Actor): void {
  requireRole(actor, 'livelihood.propose', '只有村社干部或乡镇干部可以组织群众开单排序')
}

function mustBeOpen(current: RankingData | null): RankingData {
  if (!current) throw new MutationRejection('not_found', '该排序不存在或尚未同步')
  if (current.status === 'closed') throw new MutationRejection('invalid_transition', '该排序已结束')
  return current
}

function create(current: RankingData | null, payload: unknown, actor: Actor): RankingData {
  if (current) throw new MutationRejection('already_exists', '该排序已创建，请勿重复提交')
  mustRank(actor)
  const input = parsePayload(rankingCreateSchema, payload)
  if (pathIds(input.orgPath).length !== VILLAGE_DEPTH) {
    throw new MutationRejection('invalid_payload', '请选择村社')
  }
  return {
    ...input,
    candidates: input.candidates.map((candidate) => ({ ...candidate, votes: 0 })),
    voters: 0,
    status: 'open',
    openedBy: actor.userId,
    openedByName: actor.userName,
    openedAt: actor.at,
    closedAt: null,
  }
}

/** The day's counts: every candidate once, none marked by more residents than took part. */
function tally(current: RankingData | null, payload: unknown, actor: Actor): RankingData {
  mustRank(actor)
  const open = mustBeOpen(current)
  if (open.channel !== 'meeting') {
    throw new MutationRejection('invalid_transition', '扫码排序的票数由群众投票产生，不能录入')
  }
  const { votes, voters } = parsePayload(rankingTallySchema, payload)
  const byItem = new Map(votes.map((entry) => [entry.itemId, entry.votes]))
  if (
    byItem.size !== open.candidates.length ||
    !open.candidates.every((c) => byItem.has(c.itemId))
  ) {
    throw new MutationRejection('invalid_payload', '请为每一项候选事项填写票数')
  }
  const candidates = open.candidates.map((c) => ({ ...c, votes: byItem.get(c.itemId) ?? 0 }))
  if (candidates.some((c) => c.votes > voters)) {
    throw new MutationRejection('invalid_payload', '单项票数不能多于参加人数')
  }
  const marks = candidates.reduce((sum, c) => sum + c.votes, 0)
  if (marks > voters * open.maxChoices) {
    throw new MutationRejection('invalid_payload', `每人最多选${open.maxChoices}项，总票数超出`)
  }
  return { ...open, candidates, voters, status: 'closed', closedAt: actor.at }
}

/** One resident's ballot from the public page, after the route spent their code. */
function ballot(current: RankingData | null, payload: unknown, actor: Actor): RankingData {
  if (actor.userId !== PUBLIC_RANKING_ACTOR_ID) {
    throw new MutationRejection('forbidden_role', '群众扫码排序须通过排序码提交')
  }
  const open = mustBeOpen(current)
  if (open.channel !== 'ballot') {
    throw new MutationRejection('invalid_transition', '该排序在议事日现场进行')
  }
  const { choices } = parsePayload(rankingBallotSchema, payload)
  const candidates = addBallot(open, choices)
  if (!candidates) {
    throw new MutationRejection(
      'invalid_payload',
      `请从候选事项中选择，最多${open.maxChoices}项，不要重复`,
    )
  }
  return { ...open, candidates, voters: open.voters + 1 }
}

const applyRanking: KindApply<RankingData> = (current, mutation, actor) => {
  switch (mutation.op) {
    case 'create':
      return create(current, mutation.payload, actor)
    case 'tally':
      return tally(current, mutation.payload, actor)
    case 'ballot':
      return ballot(current, mutation.payload, actor)
    case 'close':
      mustRank(actor)
      return { ...mustBeOpen(current), status: 'closed', closedAt: actor.at }
    default:
      throw new MutationRejection('unknown_op', '不支持的操作')
  }
}

/**
 * A ranking names its candidates and, at a discussion day, the day: the
 * server loads each. A candidate must be an item of the village's township
 * under the name the residents are shown; the day must be the same
 * village's and not cancelled.
 */
const rankingReferences: KindReferences<RankingData> = (mutation, { next }) => {
  if (mutation.op !== 'create') return []
  const candidates = next.candidates.map((candidate) =>
    recordReference(
      LIVELIHOOD_ITEM_KIND,
      livelihoodItemDataSchema,
      candidate.itemId,
      { code: 'unknown_item', message: '候选事项不存在或不在您的管辖范围内' },
      (item) => {
        if (item.name !== candidate.title || !isWithin(next.orgPath, item.township)) {
          throw new MutationRejection(
            'ranking_mismatch',
            '候选事项须为本乡镇的民生实事，名称与清单一致',
          )
        }
        return []
      },
    ),
  )
  if (next.meetingId === null) return candidates
  return [
    ...candidates,
    recordReference(
      MEETING_KIND,
      meetingDataSchema,
      next.meetingId,
      { code: 'unknown_meeting', message: '该议事日不存在或不在您的管辖范围内' },
      (meeting) => {
        if (villagePathOf(meeting.orgPath) !== next.orgPath || meeting.status === 'cancelled') {
          throw new MutationRejection('meeting_mismatch', '排序须在本村社未取消的议事日进行')
        }
        return []
      },
    ),
  ]
}

/** The ranking kind: seen by its village and everyone above it; counts only. */
export const rankingKind: RecordKind<RankingData> = {
  kind: RANKING_KIND,
  schema: rankingDataSchema,
  apply: applyRanking,
  audience: (data) => [data.orgPath],
  references: rankingReferences,
}
