/**
 * The ranking's arithmetic: candidates ordered by marks, ties sharing a
 * place (standard competition ranking: 1, 2, 2, 4), and the place an item
 * holds — "the ranking is kept with the item" is read from the ranking
 * records that list it, not copied onto the item (docs/livelihood-list.md).
 */
import type { Candidate, RankingData } from './ranking.schema.ts'

/** A candidate with its place: 1 for the most marks; equal marks share a place. */
export interface RankedCandidate extends Candidate {
  rank: number
}

/**
 * The candidates from most to fewest marks. Equal marks keep the order the
 * cadre listed them in and share a place, so no tie is broken by chance.
 */
export function rankCandidates(candidates: readonly Candidate[]): RankedCandidate[] {
  const ordered = candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => b.candidate.votes - a.candidate.votes || a.index - b.index)
  const ranked: RankedCandidate[] = []
  ordered.forEach(({ candidate }, position) => {
    const previous = ranked[position - 1]
    const rank = previous && previous.votes === candidate.votes ? previous.rank : position + 1
    ranked.push({ ...candidate, rank })
  })
  return ranked
}

/** Where an item stands in one ranking: its place among how many, its marks, of how many residents. */
export interface ItemRank {
  rankingId: string
  channel: RankingData['channel']
  rank: number
  of: number
  votes: number
  voters: number
  isFinal: boolean
  /** When the ranking was opened (ISO instant): the newest ranking is the one shown. */
  openedAt: string
}

/**
 * The item's place in the newest ranking that lists it (a closed one before
 * an open one), or null when residents were never asked about it.
 */
export function rankOfItem(
  itemId: string,
  rankings: readonly { id: string; data: RankingData }[],
): ItemRank | null {
  let best: ItemRank | null = null
  for (const { id, data } of rankings) {
    const entry = rankCandidates(data.candidates).find((c) => c.itemId === itemId)
    if (!entry) continue
    const found: ItemRank = {
      rankingId: id,
      channel: data.channel,
      rank: entry.rank,
      of: data.candidates.length,
      votes: entry.votes,
      voters: data.voters,
      isFinal: data.status === 'closed',
      openedAt: data.openedAt,
    }
    const isBetter =
      !best ||
      (found.isFinal && !best.isFinal) ||
      (found.isFinal === best.isFinal && found.openedAt > best.openedAt)
    if (isBetter) best = found
  }
  return best
}

/**
 * The candidates after one resident's marks: one more mark for each chosen
 * item. Null when a choice is not a candidate, is named twice, or there are
 * more choices than the ranking allows (the caller refuses the ballot).
 */
export function addBallot(
  data: Pick<RankingData, 'candidates' | 'maxChoices'>,
  choices: readonly string[],
): Candidate[] | null {
  const chosen = new Set(choices)
  if (chosen.size !== choices.length || chosen.size > data.maxChoices || chosen.size === 0) {
    return null
  }
  if (![...chosen].every((id) => data.candidates.some((c) => c.itemId === id))) return null
  return data.candidates.map((c) => (chosen.has(c.itemId) ? { ...c, votes: c.votes + 1 } : c))
}

/** What a closed ranking writes onto each candidate item (the item's `rank` change). */
export interface ItemRankPayload {
  method: 'meeting' | 'public_vote'
  position: number
  of: number
  votes: number
  rankedOn: string
  meetingId: string | null
  note: string
}

/**
 * The `rank` change of every candidate once residents have chosen: the
 * ranking record keeps the counts, and each item keeps its own place (the
 * item's `ranking`), saved in the same batch as the ranking's closing so
 * that the two never disagree. `rankedOn` is the China date it closed.
 */
export function itemRankChanges(
  data: Pick<RankingData, 'candidates' | 'channel' | 'meetingId'>,
  rankedOn: string,
): { itemId: string; payload: ItemRankPayload }[] {
  return rankCandidates(data.candidates).map((candidate) => ({
    itemId: candidate.itemId,
    payload: {
      method: data.channel === 'meeting' ? 'meeting' : 'public_vote',
      position: candidate.rank,
      of: data.candidates.length,
      votes: candidate.votes,
      rankedOn,
      meetingId: data.meetingId,
      note: '',
    },
  }))
}
