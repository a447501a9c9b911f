/**
 * The disclosures and the county's categories on this device, and the
 * changes a cadre makes, saved through the sync store (offline too): a
 * draft published offline goes public once the push reaches the server.
 */
import { defineStore } from 'pinia'
import { isDisclosureCategoryData } from '#shared/disclosure/disclosure-category.kind.ts'
import { isDisclosureData } from '#shared/disclosure/disclosure.kind.ts'
import {
  DISCLOSURE_CATEGORY_KIND,
  DISCLOSURE_KIND,
  type DisclosureInput,
} from '#shared/disclosure/disclosure.schema.ts'
import { i18n } from '#app/i18n/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'

export const useDisclosureStore = defineStore('disclosure', () => {
  const { rows: disclosures, isLoaded } = useKindRows(DISCLOSURE_KIND, isDisclosureData, {
    newestBy: (data) => data.updatedAt,
  })
  const { rows: countyCategories } = useKindRows(DISCLOSURE_CATEGORY_KIND, isDisclosureCategoryData)

  const change = (recordId: string | undefined, op: string, payload: Record<string, unknown>) =>
    saveChanges(
      [{ kind: DISCLOSURE_KIND, op, payload, ...(recordId ? { recordId } : {}) }],
      i18n.global.t('disclosure.saved'),
    )

  /** A new draft; its id once on disk, or null when refused. */
  const create = (input: DisclosureInput & { categoryName: string | null }) =>
    change(undefined, 'create', { ...input })
  const publish = (id: string) => change(id, 'publish', {})
  const withdraw = (id: string, reason: string) => change(id, 'withdraw', { reason })
  const archive = (id: string) => change(id, 'archive', {})
  /** A county category: created (no id), updated, retired or reinstated. */
  const configure = (recordId: string | null, op: string, payload: Record<string, unknown>) =>
    saveChanges(
      [{ kind: DISCLOSURE_CATEGORY_KIND, op, payload, ...(recordId ? { recordId } : {}) }],
      i18n.global.t('disclosure.saved'),
    )

  return { disclosures, countyCategories, isLoaded, create, publish, withdraw, archive, configure }
})
