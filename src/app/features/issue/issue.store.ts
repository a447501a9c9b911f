/**
 * Issue reports on this device: a live view of the `records` table (kind
 * 'issue'), the org units the screens name and pick, and the two ways the
 * screens change an issue — capture and lifecycle transitions — both through
 * the sync store, which commits the record and its outbox entry together.
 * Loaded only by the lazy issue pages: it pulls in zod and the issue kind.
 */
import { defineStore, storeToRefs } from 'pinia'
import { liveQuery } from 'dexie'
import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import { showFailToast, showSuccessToast } from 'vant'
import 'vant/es/toast/style'
import { MutationRejection, type Viewer } from '#shared/sync/record-kind.ts'
import type { IssueAction, IssueCreateInput, IssueData } from '#shared/issue/issue.schema.ts'
import { discussableListSchema, type DiscussableList } from '#shared/issue/discussable-list.ts'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { appDb, type LocalRecord } from '#app/db/app-db.ts'
import { apiRequest } from '#app/api/http.ts'
import { StorageFullError } from '#app/sync/errors.ts'
import { i18n } from '#app/i18n/index.ts'
import { useAuthStore } from '#app/features/auth/index.ts'
import { useSyncStore } from '#app/features/sync/index.ts'
import { useOrgUnitsStore } from '#app/features/org/index.ts'

/** An issue as the screens list it. */
export interface IssueRow {
  key: string
  id: string
  data: IssueData
  /** Changes of this device not yet accepted by the server (waiting or refused). */
  hasPending: boolean
}

/** Settings key of the cached township discussable-items list. */
const DISCUSSABLE_KEY = 'discussableList'

/**
 * Records of kind 'issue' hold IssueData: the kind's `apply` made them on
 * this device, or the server validated them. A cheap shape check instead of
 * a zod parse keeps 10,000 records fast.
 */
function isIssueData(data: LocalRecord['data']): data is IssueData {
  return (
    typeof data.status === 'string' && typeof data.title === 'string' && Array.isArray(data.events)
  )
}

function toRow(record: LocalRecord): IssueRow | null {
  if (!isIssueData(record.data)) return null
  return { key: record.key, id: record.id, data: record.data, hasPending: record.hasPending === 1 }
}

const newestFirst = (a: IssueRow, b: IssueRow) =>
  a.data.createdAt < b.data.createdAt ? 1 : a.data.createdAt > b.data.createdAt ? -1 : 0

/** Shows the Chinese reason of a refusal the person can act on; rethrows anything else. */
function explainFailure(error: unknown): void {
  if (error instanceof StorageFullError || error instanceof MutationRejection) {
    showFailToast({ message: error.message, wordBreak: 'normal' })
    return
  }
  throw error
}

export const useIssueStore = defineStore('issue', () => {
  const { me } = storeToRefs(useAuthStore())
  const rows = shallowRef<IssueRow[]>([])
  const isLoaded = ref(false)
  const org = useOrgUnitsStore()
  const { orgUnits } = storeToRefs(org)

  const subscription = liveQuery(() =>
    appDb.records.where('kind').equals(ISSUE_KIND).toArray(),
  ).subscribe((records) => {
    const next: IssueRow[] = []
    for (const record of records) {
      const row = toRow(record)
      if (row) next.push(row)
    }
    rows.value = next.sort(newestFirst)
    isLoaded.value = true
  })
  onScopeDispose(() => subscription.unsubscribe())

  /** The signed-in user as the issue machine sees a viewer. */
  const viewer = computed<Viewer | null>(() =>
    me.value
      ? {
          userId: me.value.user.id,
          role: me.value.user.role,
          orgUnitId: me.value.orgUnit.id,
          orgPath: me.value.orgUnit.path,
        }
      : null,
  )

  /** The township's discussable-items list, for the suggestion at capture; null until known. */
  const discussableList = shallowRef<DiscussableList | null>(null)

  /**
   * The user's township list: the cached copy at once, then the server's
   * when online (cached again). Never throws: capture works without a list.
   */
  async function loadDiscussableList(): Promise<void> {
    const cached = discussableListSchema.safeParse(
      (await appDb.settings.get(DISCUSSABLE_KEY))?.value,
    )
    // Another user of this phone may have cached another township's list.
    const isMine = (list: DiscussableList) =>
      useAuthStore().me?.orgPath.some((unit) => unit.id === list.townshipId) ?? false
    if (cached.success && isMine(cached.data) && !discussableList.value) {
      discussableList.value = cached.data
    }
    if (!navigator.onLine) return
    try {
      const list = discussableListSchema.parse(await apiRequest<unknown>('/api/discussable-items'))
      discussableList.value = list
      await appDb.settings.put({ key: DISCUSSABLE_KEY, value: list })
    } catch {
      // Offline in fact, or a user above the townships: the cache (if any) stays in use.
    }
  }

  /**
   * Registers a captured issue (the capture plus its grid's id and path);
   * resolves with the new record's id once it is on disk (and says 已保存),
   * or with null when the device refused it (full disk, the kind's own
   * rules) after saying why.
   */
  async function capture(input: IssueCreateInput): Promise<string | null> {
    try {
      const entry = await useSyncStore().save({
        kind: ISSUE_KIND,
        op: 'create',
        payload: { ...input },
      })
      showSuccessToast(i18n.global.t('common.saved'))
      return entry.recordId
    } catch (error) {
      explainFailure(error)
      return null
    }
  }

  /** Takes a lifecycle action; true once saved on the device, false when refused (the reason is shown). */
  async function act(
    id: string,
    action: IssueAction,
    payload: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await useSyncStore().save({
        kind: ISSUE_KIND,
        recordId: id,
        op: 'transition',
        payload: { ...payload, action },
      })
      showSuccessToast(i18n.global.t('common.saved'))
      return true
    } catch (error) {
      explainFailure(error)
      return false
    }
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
    discussableList,
    unitName: org.unitName,
    loadOrgUnits: org.loadOrgUnits,
    loadDiscussableList,
    capture,
    act,
    discardPhoto,
  }
})
