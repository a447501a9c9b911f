/**
 * One issue as this device has it, live: the record and the state of its
 * changes that have not reached the server (waiting, or refused with a reason).
 */
import { liveQuery } from 'dexie'
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import type { IssueData } from '#shared/issue/issue.schema.ts'
import { appDb, type Rejection } from '#app/db/app-db.ts'

function isIssueData(data: Record<string, unknown> | undefined): data is IssueData {
  return data !== undefined && typeof data.status === 'string' && Array.isArray(data.events)
}

export function useIssueRecord(id: Ref<string>) {
  const data = shallowRef<IssueData | null>(null)
  const hasPending = ref(false)
  const rejection = shallowRef<Rejection | null>(null)
  const isLoaded = ref(false)
  let unsubscribe = () => {}

  watch(
    id,
    (recordId) => {
      unsubscribe()
      isLoaded.value = false
      const key = `${ISSUE_KIND}:${recordId}`
      const subscription = liveQuery(async () => ({
        record: await appDb.records.get(key),
        outbox: await appDb.outbox.where('recordKey').equals(key).toArray(),
      })).subscribe(({ record, outbox }) => {
        data.value = isIssueData(record?.data) ? record.data : null
        hasPending.value = record?.hasPending === 1
        rejection.value = outbox.find((entry) => entry.status === 'rejected')?.rejection ?? null
        isLoaded.value = true
      })
      unsubscribe = () => subscription.unsubscribe()
    },
    { immediate: true },
  )
  onScopeDispose(() => unsubscribe())

  return { data, hasPending, rejection, isLoaded }
}
