/**
 * Issue reports on this device: a live view of the `records` table (kind
 * 'issue'), the org units the screens name and pick, and the two ways the
 * screens change an issue — capture and lifecycle transitions — both through
 * the sync store, which commits the record and its outbox entry together.
 * Loaded only by the lazy issue pages. The list reads lean rows; the sync
 * store (with every record kind and their zod schemas) loads only when a
 * screen saves, so it stays out of the inbox's first render.
 */
import { defineStore, storeToRefs } from 'pinia'
import type { IssueAction } from '#shared/issue/issue.schema.ts'
import type { IssueCreateInput } from '#shared/issue/issue.capture.schema.ts'
import { appDb } from '#app/db/app-db.ts'
import { ISSUE_ROWS as ISSUE_KIND, isIssueListData, type IssueListData } from '#app/db/list-rows.ts'
import { i18n } from '#app/i18n/index.ts'
import type { saveChanges as SaveChanges } from '#app/records/save-changes.ts'
import { useListRows, type KindRow } from '#app/records/use-kind-rows.ts'
import { useViewer } from '#app/records/use-viewer.ts'
import { useOrgUnitsStore } from '#app/features/org/index.ts'

/** An issue as the screens list it: its lean list row (`IssueListData`), not the whole record. */
export type IssueRow = KindRow<IssueListData>

/** The save path, loaded on the first save (see above). */
const saveChanges: typeof SaveChanges = async (...args) =>
  (await import('#app/records/save-changes.ts')).saveChanges(...args)

export const useIssueStore = defineStore('issue', () => {
  const { rows, isLoaded } = useListRows(ISSUE_KIND, isIssueListData)
  const org = useOrgUnitsStore()
  const { orgUnits } = storeToRefs(org)

  /** The signed-in user as the issue machine sees a viewer. */
  const viewer = useViewer()

  /**
   * Registers a captured issue (the capture plus its grid's id and path);
   * resolves with the new record's id once it is on disk (and says 已保存),
   * or with null when the device refused it (full disk, the kind's own
   * rules) after saying why.
   */
  async function capture(input: IssueCreateInput): Promise<string | null> {
    return saveChanges(
      [{ kind: ISSUE_KIND, op: 'create', payload: { ...input } }],
      i18n.global.t('common.saved'),
    )
  }

  /** Takes a lifecycle action; true once saved on the device, false when refused (the reason is shown). */
  async function act(
    id: string,
    action: IssueAction,
    payload: Record<string, unknown>,
  ): Promise<boolean> {
    const saved = await saveChanges(
      [{ kind: ISSUE_KIND, recordId: id, op: 'transition', payload: { ...payload, action } }],
      i18n.global.t('common.saved'),
    )
    return saved !== null
  }

  /**
   * Forgets a photo that was taken for a form and then removed (or whose
   * draft was cleared), unless a record refers to it or the server already
   * has it: a removed photo of a resident must never be uploaded.
   */
  async function discardPhoto(sha256: string): Promise<void> {
    await appDb.transaction('rw', appDb.blobs, appDb.records, async () => {
      const blob = await appDb.blobs.get(sha256)
      if (!blob || blob.uploaded === 1) return
      const isReferenced = await appDb.records
        .where('kind')
        .equals(ISSUE_KIND)
        .filter(
          (record) => Array.isArray(record.data.photos) && record.data.photos.includes(sha256),
        )
        .count()
      if (isReferenced === 0) await appDb.blobs.delete(sha256)
    })
  }

  return {
    rows,
    isLoaded,
    orgUnits,
    viewer,
    unitName: org.unitName,
    loadOrgUnits: org.loadOrgUnits,
    capture,
    act,
    discardPhoto,
  }
})
