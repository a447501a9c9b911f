/**
 * Livelihood items on this device: a live view of the `records` table and
 * every change the screens make, saved through the sync store (record and
 * outbox entry in one transaction, offline too). Loaded only by the lazy
 * livelihood pages.
 */
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { isLivelihoodItemData, LIVELIHOOD_ITEM_KIND } from '#shared/livelihood/livelihood.kind.ts'
import type { LivelihoodOp } from '#shared/livelihood/livelihood.machine.ts'
import {
  LIVELIHOOD_HOLDING,
  sourceOpinionIdsOf,
  type LivelihoodItemData,
} from '#shared/livelihood/livelihood.schema.ts'
import { i18n } from '#app/i18n/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows, type KindRow } from '#app/records/use-kind-rows.ts'

/** An item as the screens list it. */
export type LivelihoodRow = KindRow<LivelihoodItemData>

export const useLivelihoodStore = defineStore('livelihood', () => {
  const { rows: items, isLoaded } = useKindRows(LIVELIHOOD_ITEM_KIND, isLivelihoodItemData, {
    newestBy: (data) => data.proposedAt,
  })

  /** Reports and opinions that already back an item this device knows (the server has the final word). */
  const takenSources = computed(
    () =>
      new Set(
        items.value
          .filter((row) => LIVELIHOOD_HOLDING.includes(row.data.status))
          .flatMap((row) => [...row.data.sourceIssueIds, ...sourceOpinionIdsOf(row.data)]),
      ),
  )

  const itemById = (id: string) => items.value.find((row) => row.id === id) ?? null

  /** Proposes a candidate; its id once on disk, or null when refused (the reason was shown). */
  const propose = (payload: Record<string, unknown>) =>
    saveChanges(
      [{ kind: LIVELIHOOD_ITEM_KIND, op: 'create', payload }],
      i18n.global.t('livelihood.proposed'),
    )

  /** One change of an item. */
  const change = (id: string, op: LivelihoodOp, payload: Record<string, unknown>) =>
    saveChanges(
      [{ kind: LIVELIHOOD_ITEM_KIND, op, payload, recordId: id }],
      i18n.global.t('livelihood.saved'),
    )

  /** The township's list for a year, submitted as one: every listed item goes, or none. */
  const submitList = (ids: readonly string[]) =>
    saveChanges(
      ids.map((recordId) => ({ kind: LIVELIHOOD_ITEM_KIND, op: 'submit', payload: {}, recordId })),
      i18n.global.t('livelihood.submitted'),
    )

  /**
   * The county merges `from` into `into`: the merge, then the target taking
   * over its reports (`absorb`), in one save so the server sees them together.
   */
  function merge(from: LivelihoodRow, into: string, reason: string) {
    return saveChanges(
      [
        {
          kind: LIVELIHOOD_ITEM_KIND,
          op: 'merge',
          payload: { intoItemId: into, reason },
          recordId: from.id,
        },
        {
          kind: LIVELIHOOD_ITEM_KIND,
          op: 'absorb',
          payload: {
            fromItemId: from.id,
            name: from.data.name,
            township: from.data.township,
            sourceIssueIds: from.data.sourceIssueIds,
            sourceOpinionIds: sourceOpinionIdsOf(from.data),
          },
          recordId: into,
        },
      ],
      i18n.global.t('livelihood.saved'),
    )
  }

  return { items, isLoaded, takenSources, itemById, propose, change, submitList, merge }
})
