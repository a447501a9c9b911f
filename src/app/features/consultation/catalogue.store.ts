/**
 * The participation catalogues on this device (a live view of the
 * `records` table) and the changes county staff and departments make to
 * them, saved through the sync store (offline too). Loaded only by the lazy
 * catalogue pages.
 */
import { defineStore } from 'pinia'
import { uuidv7 } from 'uuidv7'
import { CATALOGUE_KIND, isCatalogueData } from '#shared/consultation/catalogue.kind.ts'
import type { CatalogueEntryInput } from '#shared/consultation/catalogue.schema.ts'
import { i18n } from '#app/i18n/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'

export const useCatalogueStore = defineStore('catalogue', () => {
  const { rows: catalogues, isLoaded } = useKindRows(CATALOGUE_KIND, isCatalogueData, {
    newestBy: (data) => String(data.year),
  })

  const change = (recordId: string | undefined, op: string, payload: Record<string, unknown>) =>
    saveChanges(
      [{ kind: CATALOGUE_KIND, op, payload, ...(recordId ? { recordId } : {}) }],
      i18n.global.t('common.saved'),
    )

  /** Starts the catalogue of `year`; its id once on disk, or null when refused. */
  const create = (year: number) => change(undefined, 'create', { year, entries: [] })

  /** Replaces the entries (links of kept entries stay, by the kind's rule). */
  const setEntries = (id: string, entries: readonly CatalogueEntryInput[]) =>
    change(id, 'set_entries', { entries: entries.map((entry) => ({ ...entry })) })

  const publish = (id: string) => change(id, 'publish', {})

  /** A new entry id: unique without asking the server. */
  const newEntryId = () => uuidv7()

  return { catalogues, isLoaded, create, setEntries, publish, newEntryId }
})
