/**
 * The sync engine as the screens see it: status, pending and refused counts,
 * and the actions a person takes on a refused change (retry, discard).
 */
import { defineStore, storeToRefs } from 'pinia'
import { liveQuery } from 'dexie'
import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import { uuidv7 } from 'uuidv7'
import type { Actor } from '#shared/sync/record-kind.ts'
import { kindsOfSettings, liveKinds } from '#shared/settings/settings.kinds.ts'
import { INITIAL_SNAPSHOT, type SettingsSnapshot } from '#shared/settings/settings.schema.ts'
import { appDb, type OutboxEntry } from '#app/db/app-db.ts'
import { rebase, saveChange, type ChangeInput } from '#app/sync/local-store.ts'
import { SyncEngine, type SyncStatus } from '#app/sync/sync-engine.ts'
import { httpTransport } from '#app/sync/transport.ts'
import {
  COUNTY_SETTINGS_KEY,
  isSettingsSnapshot,
  refreshCountySettings,
} from '#app/sync/county-settings.ts'
import { isQuotaError, StorageFullError } from '#app/sync/errors.ts'
import { useAuthStore } from '#app/features/auth/index.ts'
import type { HandoverReceipt, HandoverUser } from '#app/sync/handover.ts'
import { describeRefusal, type RefusedChange } from './refused-change.ts'

export const useSyncStore = defineStore('sync', () => {
  const auth = useAuthStore()
  const { me } = storeToRefs(auth)
  /**
   * The county settings this device holds (docs/settings.md): the record
   * kinds are built on them, so deadlines and the oversight checks here are
   * those the server applies; the fixed day and form defaults read them too.
   */
  const countySettings = shallowRef<SettingsSnapshot>(INITIAL_SNAPSHOT)
  let builtKinds = kindsOfSettings(INITIAL_SNAPSHOT, { areBodiesUnknown: true })
  const kinds = liveKinds(() => builtKinds)
  const settingsWatch = liveQuery(() => appDb.settings.get(COUNTY_SETTINGS_KEY)).subscribe(
    (row) => {
      const isReceived = isSettingsSnapshot(row?.value)
      const snapshot = isSettingsSnapshot(row?.value) ? row.value : INITIAL_SNAPSHOT
      builtKinds = kindsOfSettings(snapshot, { areBodiesUnknown: !isReceived })
      countySettings.value = snapshot
    },
  )
  onScopeDispose(() => settingsWatch.unsubscribe())
  const status = ref<SyncStatus>({
    phase: 'idle',
    lastSuccessAt: null,
    lastError: null,
    progress: null,
  })
  const pendingCount = ref(0)
  const rejected = shallowRef<OutboxEntry[]>([])
  /** The refused changes with their records' kind, title and screen, and what can help. */
  const refused = shallowRef<RefusedChange[]>([])

  function author(): Omit<Actor, 'at'> | null {
    const current = me.value
    if (!current) return null
    return {
      userId: current.user.id,
      userName: current.user.name,
      role: current.user.role,
      orgUnitId: current.orgUnit.id,
      orgPath: current.orgUnit.path,
    }
  }

  const engine = new SyncEngine({
    db: appDb,
    transport: httpTransport,
    kinds,
    actor: author,
    onStatus: (next) => (status.value = next),
    afterPull: () => refreshCountySettings(appDb),
  })

  const outboxWatch = liveQuery(async () => {
    const entries = await appDb.outbox.toArray()
    const refusedEntries = entries.filter((entry) => entry.status === 'rejected')
    const records = await appDb.records.bulkGet(refusedEntries.map((entry) => entry.recordKey))
    return { entries, refusedEntries, records }
  }).subscribe(({ entries, refusedEntries, records }) => {
    pendingCount.value = entries.filter((entry) => entry.status === 'pending').length
    rejected.value = refusedEntries
    refused.value = refusedEntries.map((entry, index) =>
      describeRefusal(entry, records[index]?.data),
    )
  })
  onScopeDispose(() => outboxWatch.unsubscribe())

  void appDb.syncMeta.get('state').then((state) => {
    if (state?.lastSuccessAt) status.value = { ...status.value, lastSuccessAt: state.lastSuccessAt }
  })

  // Sync while someone is signed in; at sign-in, also keep what capture needs
  // offline (the township's 议事清单, #12.10b), so a first capture without
  // signal still gets its suggestion.
  watch(
    () => auth.isSignedIn,
    (isSignedIn) => {
      if (!isSignedIn) return engine.stop()
      engine.start()
      if (auth.hasPermission('issue.create')) {
        void import('#app/features/discussable/index.ts').then((discussable) =>
          discussable.refreshDiscussableList(),
        )
      }
    },
    { immediate: true },
  )

  /** Saves a change on the device (durable when this resolves), then syncs if online. */
  async function save(input: ChangeInput): Promise<OutboxEntry> {
    const actor = author()
    if (!actor) throw new Error('not signed in')
    const entry = await saveChange(appDb, kinds, { ...actor, at: new Date().toISOString() }, input)
    if (navigator.onLine) void engine.requestSync()
    return entry
  }

  /**
   * Saves several changes as one: all of them are on disk when this
   * resolves, or none is (e.g. a discussion day's minutes and the transitions
   * they cause on its issue reports).
   */
  async function saveAll(inputs: readonly ChangeInput[]): Promise<OutboxEntry[]> {
    const actor = author()
    if (!actor) throw new Error('not signed in')
    const at = new Date().toISOString()
    let entries: OutboxEntry[]
    try {
      entries = await appDb.transaction(
        'rw',
        appDb.records,
        appDb.outbox,
        appDb.syncMeta,
        async () => {
          const saved: OutboxEntry[] = []
          for (const input of inputs)
            saved.push(await saveChange(appDb, kinds, { ...actor, at }, input))
          return saved
        },
      )
    } catch (error) {
      if (isQuotaError(error)) throw new StorageFullError(error)
      throw error
    }
    if (navigator.onLine) void engine.requestSync()
    return entries
  }

  function actorFor(entry: OutboxEntry): Actor {
    const actor = author()
    if (!actor) throw new Error('not signed in')
    return { ...actor, at: entry.createdAt }
  }

  /** Sends a refused change again, as a new change on the record's current version. */
  async function retry(entry: OutboxEntry): Promise<void> {
    if (entry.seq === undefined) return
    const seq = entry.seq
    await appDb.transaction('rw', appDb.records, appDb.outbox, async () => {
      const record = await appDb.records.get(entry.recordKey)
      await appDb.outbox.delete(seq)
      await appDb.outbox.add({
        id: uuidv7(),
        kind: entry.kind,
        recordId: entry.recordId,
        recordKey: entry.recordKey,
        op: entry.op,
        payload: entry.payload,
        baseVersion: record?.version ?? 0,
        deviceId: entry.deviceId,
        userId: entry.userId,
        createdAt: new Date().toISOString(),
        status: 'pending',
        ...(entry.handedOverFrom ? { handedOverFrom: entry.handedOverFrom } : {}),
      })
      await rebase(appDb, kinds, actorFor, entry.recordKey)
    })
    void engine.requestSync()
  }

  /** Drops a refused change: the record goes back to the server's version. */
  async function discard(entry: OutboxEntry): Promise<void> {
    if (entry.seq === undefined) return
    const seq = entry.seq
    await appDb.transaction('rw', appDb.records, appDb.outbox, async () => {
      await appDb.outbox.delete(seq)
      await rebase(appDb, kinds, actorFor, entry.recordKey)
    })
  }

  /** The signed-in user as the maker or receiver of a hand-over file. */
  function handoverUser(): HandoverUser {
    const current = me.value
    if (!current) throw new Error('not signed in')
    return { userId: current.user.id, name: current.user.name, orgUnitId: current.orgUnit.id }
  }

  /**
   * Seals this user's unsent changes and photos into a hand-over file
   * (docs/field.md). Nothing leaves the outbox: the server's answers empty
   * it, whichever phone sends first. Loaded on use: the crypto is not part
   * of the first screen.
   */
  async function makeHandover(passphrase: string) {
    const [{ collectHandover }, { sealHandover }, { handoverFileName }] = await Promise.all([
      import('#app/sync/handover.ts'),
      import('#app/sync/handover-crypto.ts'),
      import('#shared/sync/handover-file.ts'),
    ])
    const payload = await collectHandover(appDb, kinds, handoverUser())
    const bytes = await sealHandover(payload, passphrase)
    return {
      file: new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }),
      name: handoverFileName(new Date()),
      changes: payload.entries.length,
      photos: payload.blobs.length,
    }
  }

  /** Opens a hand-over file and queues its changes to be sent as this user; then syncs. */
  async function takeHandover(bytes: Uint8Array, passphrase: string): Promise<HandoverReceipt> {
    const [{ receiveHandover }, { openHandover }] = await Promise.all([
      import('#app/sync/handover.ts'),
      import('#app/sync/handover-crypto.ts'),
    ])
    const payload = await openHandover(bytes, passphrase)
    const receipt = await receiveHandover(appDb, kinds, actorFor, handoverUser(), payload)
    if (navigator.onLine) void engine.requestSync()
    return receipt
  }

  return {
    countySettings,
    makeHandover,
    takeHandover,
    status,
    pendingCount,
    rejected,
    refused,
    save,
    saveAll,
    retry,
    discard,
    syncNow: () => engine.requestSync(),
  }
})
