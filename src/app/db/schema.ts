/**
 * The device database's schema, in one place: its name and every published
 * version's stores (Dexie's syntax: primary key first, then indexes). Dexie's
 * AppDb (app-db.ts) declares these versions and the start-up reads
 * (start-read.ts) look stores up here, so the two cannot drift apart. This
 * module imports nothing, so the first screen can use it without Dexie.
 *
 * Never edit a published version: append one (with an upgrade in app-db.ts
 * when existing rows must change).
 */

/** The device database's name. */
export const APP_DB_NAME = 'shuoshi'

/** Published versions, oldest first; the array index + 1 is the version number. */
export const SCHEMA_VERSIONS = [
  { session: 'id', settings: 'key' },
  {
    records: 'key, kind, [kind+updatedAt], hasPending',
    outbox: '++seq, &id, recordKey, status',
    blobs: 'sha256, uploaded',
    syncMeta: 'key',
  },
  // The journal of accepted changes; existing devices start it empty.
  { sent: 'seq, &id, appliedAt' },
  // A record is stored once (its server copy only while it has outbox
  // entries), and every record with a list projection has a lean row in
  // `rows` (list-rows.ts) that lists read in order before the whole set.
  // `[kind+updatedAt]` was never queried: dropping it saves an index entry
  // per record.
  {
    records: 'key, kind, hasPending',
    rows: 'key, [kind+sortKey]',
  },
  // Discussion days, policies, campaigns and post-evaluations get lean rows
  // too (the work desk reads them; desk-projections.ts): the upgrade rewrites
  // those records so existing devices have them. The supervision screen's
  // last view, per user, moves here from localStorage.
  { supervisionCache: 'userId' },
  // Livelihood items' lean rows carry what their source reports show
  // (desk-projections.ts): the upgrade rewrites those records.
  {},
] as const satisfies ReadonlyArray<Readonly<Record<string, string | null>>>

type Versions = typeof SCHEMA_VERSIONS
/** Every store the database has at its latest version. */
export type StoreName = Versions[number] extends infer V
  ? V extends unknown
    ? keyof V
    : never
  : never

/** The latest version number (what Dexie opens). */
export const SCHEMA_VERSION = SCHEMA_VERSIONS.length
