/**
 * Residents' rankings on this device (开单排序): the rankings of the cadre's
 * village, opening one, recording a day's counts, closing a public one. A
 * ranking that ends writes each candidate item's place in the same batch
 * (`itemRankChanges`), so the item keeps its ranking and the two never
 * disagree; only items still before submission take a place.
 */
import { defineStore } from 'pinia'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { LIVELIHOOD_ITEM_KIND } from '#shared/livelihood/livelihood.schema.ts'
import { isLivelihoodItemData } from '#shared/livelihood/livelihood.kind.ts'
import { isRankingData, RANKING_KIND } from '#shared/livelihood/ranking.kind.ts'
import { itemRankChanges } from '#shared/livelihood/ranking.ts'
import type {
  RankingCreateInput,
  RankingData,
  RankingTallyInput,
} from '#shared/livelihood/ranking.schema.ts'
import { i18n } from '#app/i18n/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'

/** Item statuses that still take residents' ranking (before the township submits it). */
const RANKABLE: readonly string[] = ['candidate', 'listed', 'returned']

export const useRankingStore = defineStore('livelihood-ranking', () => {
  const { rows: rankings, isLoaded } = useKindRows(RANKING_KIND, isRankingData, {
    newestBy: (data) => data.openedAt,
  })
  const { rows: items } = useKindRows(LIVELIHOOD_ITEM_KIND, isLivelihoodItemData)

  /** The rank changes of a ranking's candidates that may still take one. */
  function rankChanges(data: Pick<RankingData, 'candidates' | 'channel' | 'meetingId'>) {
    const rankable = new Set(
      items.value.filter((row) => RANKABLE.includes(row.data.status)).map((row) => row.id),
    )
    return itemRankChanges(data, chinaDate(new Date().toISOString()))
      .filter((change) => rankable.has(change.itemId))
      .map((change) => ({
        kind: LIVELIHOOD_ITEM_KIND,
        recordId: change.itemId,
        op: 'rank',
        payload: { ...change.payload },
      }))
  }

  /** Opens a ranking; its id once on disk, or null when refused (the reason was shown). */
  const open = (input: RankingCreateInput) =>
    saveChanges(
      [{ kind: RANKING_KIND, op: 'create', payload: { ...input } }],
      i18n.global.t('livelihood.rank.opened'),
    )

  /** Records a day's counts (which closes the ranking) and each item's place. */
  function tally(id: string, data: RankingData, input: RankingTallyInput) {
    const byItem = new Map(input.votes.map((entry) => [entry.itemId, entry.votes]))
    const counted = data.candidates.map((c) => ({ ...c, votes: byItem.get(c.itemId) ?? 0 }))
    return saveChanges(
      [
        { kind: RANKING_KIND, recordId: id, op: 'tally', payload: { ...input } },
        ...rankChanges({ ...data, candidates: counted }),
      ],
      i18n.global.t('livelihood.rank.recorded'),
    )
  }

  /** Ends a public ranking and writes each item's place. */
  const close = (id: string, data: RankingData) =>
    saveChanges(
      [{ kind: RANKING_KIND, recordId: id, op: 'close', payload: {} }, ...rankChanges(data)],
      i18n.global.t('livelihood.rank.closedSaved'),
    )

  return { rankings, items, isLoaded, open, tally, close }
})
