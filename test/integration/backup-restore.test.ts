/**
 * `npm run backup` / `npm run restore` (src/server/db/backup.ts) with three
 * devices running the real client sync module: a backup taken while they
 * write, more writes after it, then the database restored from the backup.
 * After one sync each, every record any device still holds is on the server
 * again at the version it had, nothing is doubled, and every device agrees
 * with the server. Also: a backup restores into the other dialect, and a
 * restore refuses a database that has data.
 */
import 'fake-indexeddb/auto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { issueKind } from '#shared/issue/issue.kind.ts'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import { kindRegistry, type Actor } from '#shared/sync/record-kind.ts'
import { AppDb } from '#app/db/app-db.ts'
import { saveChange } from '#app/sync/local-store.ts'
import { SyncEngine } from '#app/sync/sync-engine.ts'
import { buildApp } from '#server/app.ts'
import { loadConfig } from '#server/config.ts'
import { restoreBackup, RestoreRefused, writeBackup } from '#server/db/backup.ts'
import { openDatabase, type Database, type DialectName } from '#server/db/database.ts'
import { PATHS, PHONES, userIdOf, type Person } from '../support/demo-county.ts'
import { injectTransport } from '../support/inject-transport.ts'
import {
  countRows,
  createPostgresDatabase,
  createTestServer,
  DIALECTS,
  type TestServer,
} from '../support/test-server.ts'

const KINDS = kindRegistry([issueKind])

interface Device {
  person: Person
  db: AppDb
  engine: SyncEngine
  capture(title: string): Promise<string>
  edit(recordId: string, title: string): Promise<void>
}

describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
  let server: TestServer
  let current: FastifyInstance
  let scratch: string
  const cleanups: Array<() => Promise<unknown>> = []

  beforeEach(async () => {
    server = await createTestServer(dialect, { onDisk: true })
    current = server.app
    scratch = await mkdtemp(join(tmpdir(), 'shuoshi-backup-'))
  })
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    await server.close()
    await rm(scratch, { recursive: true, force: true })
  })

  /** A second handle on the server's database, as `npm run backup` opens it. */
  function openSecondHandle(): Database {
    const database =
      dialect === 'postgres'
        ? openDatabase({ databaseUrl: server.databaseUrl ?? '' })
        : openDatabase({ sqliteFile: join(server.database.storageDir ?? '', 'shuoshi.sqlite') })
    cleanups.push(() => database.close())
    return database
  }

  /** `slowMs` per line keeps the backup's snapshot open while others write (a slow disk). */
  async function backupTo(database: Database, file: string, slowMs = 0): Promise<number> {
    const gzip = createGzip()
    const done = finished(gzip.pipe(createWriteStream(file)))
    const out = new Writable({
      write(chunk, _encoding, callback) {
        setTimeout(() => gzip.write(chunk, callback), slowMs)
      },
    })
    const rows = await writeBackup(database, out)
    gzip.end()
    await done
    return rows
  }

  /** An empty database of `target`'s dialect, as a county would create for a restore. */
  async function emptyDatabase(target: DialectName): Promise<Database> {
    if (target === 'postgres') {
      const created = await createPostgresDatabase()
      const database = openDatabase({ databaseUrl: created.url })
      cleanups.push(() => created.drop())
      cleanups.push(() => database.close())
      return database
    }
    const database = openDatabase({ dataDir: join(scratch, `restored-${Math.random()}`) })
    cleanups.push(() => database.close())
    return database
  }

  const restoreFrom = (database: Database, file: string) =>
    restoreBackup(database, createReadStream(file).pipe(createGunzip()))

  async function device(person: Person, unit: string, orgPath: string): Promise<Device> {
    const cookie = await server.login(PHONES[person])
    const db = new AppDb(`backup-${dialect}-${person}-${Math.random()}`)
    cleanups.push(async () => {
      db.close()
      await db.delete()
    })
    const actor: Omit<Actor, 'at'> = {
      userId: userIdOf(person),
      userName: person,
      role: 'grid_worker',
      orgUnitId: unit,
      orgPath,
    }
    const engine = new SyncEngine({
      db,
      transport: injectTransport({ app: () => current, cookie: () => cookie }),
      kinds: KINDS,
      actor: () => actor,
    })
    const at = () => ({ ...actor, at: new Date().toISOString() })
    return {
      person,
      db,
      engine,
      async capture(title) {
        const payload = { ...sampleCapture(), title, gridId: unit, orgPath }
        return (await saveChange(db, KINDS, at(), { kind: 'issue', op: 'create', payload }))
          .recordId
      },
      async edit(recordId, title) {
        await saveChange(db, KINDS, at(), {
          kind: 'issue',
          recordId,
          op: 'update',
          payload: { title },
        })
      },
    }
  }

  /** key → version of every issue report on a server. */
  async function serverRecords(database: Database): Promise<Record<string, number>> {
    const rows = await database.db
      .selectFrom('sync_record')
      .select(['key', 'version'])
      .where('kind', '=', 'issue')
      .orderBy('key')
      .execute()
    return Object.fromEntries(rows.map((row) => [row.key, row.version]))
  }

  async function deviceRecords(phone: Device): Promise<Record<string, number>> {
    const rows = await phone.db.records.where('kind').equals('issue').sortBy('key')
    return Object.fromEntries(rows.map((row) => [row.key, row.version]))
  }

  async function syncAll(phones: Device[]): Promise<void> {
    for (const phone of phones) await phone.engine.syncOnce()
  }

  it('brings back every record the devices still hold, once, after a restore from a backup taken under writes', async () => {
    const phones = [
      await device('gridWorker', 'demo-t1-v1-g1', PATHS.g1),
      await device('siblingGridWorker', 'demo-t1-v1-g2', PATHS.g2),
      await device('otherVillageGridWorker', 'demo-t1-v2-g1', PATHS.v2g1),
    ]
    const before: string[] = []
    for (const phone of phones) {
      for (let i = 0; i < 3; i++) before.push(await phone.capture(`${phone.person} 备份前 ${i}`))
    }
    await syncAll(phones)

    // The backup runs on its own connection, slowly, while all three devices
    // write and sync: they are not held up, and it copies one moment's state.
    const file = join(scratch, 'shuoshi.jsonl.gz')
    let syncedDuringBackup = 0
    let isBackupDone = false
    const [backedUp] = await Promise.all([
      backupTo(openSecondHandle(), file, 5).finally(() => (isBackupDone = true)),
      ...phones.map(async (phone) => {
        for (let i = 0; i < 2; i++) await phone.capture(`${phone.person} 备份中 ${i}`)
        await phone.engine.syncOnce()
        if (!isBackupDone) syncedDuringBackup++
      }),
    ])
    console.log(
      `devices that finished a sync while the backup was running: ${syncedDuringBackup} of 3`,
    )

    // After the backup: new reports, and an edit of a report the backup holds at version 1.
    for (const phone of phones) {
      for (let i = 0; i < 3; i++) await phone.capture(`${phone.person} 备份后 ${i}`)
    }
    const [first] = before
    if (!first) throw new Error('no report')
    await phones[0]?.edit(first, '村口路灯不亮（已核实）')
    await syncAll(phones)
    const expected = await serverRecords(server.database)
    expect(Object.keys(expected)).toHaveLength(3 * 8)
    expect(expected[`issue:${first}`]).toBe(2)
    for (const phone of phones) expect(await phone.db.outbox.count()).toBe(0)

    // The server's database is lost; a new one is restored from the backup.
    const restored = await emptyDatabase(dialect)
    expect(await restoreFrom(restored, file)).toBe(backedUp)
    const atRestore = await serverRecords(restored)
    const lost = Object.keys(expected).filter((key) => atRestore[key] !== expected[key])
    console.log(
      `backup: ${backedUp} rows; restored server has ${Object.keys(atRestore).length} of ` +
        `${Object.keys(expected).length} reports, ${lost.length} missing or older`,
    )
    expect(lost.length).toBeGreaterThanOrEqual(3 * 3 + 1)
    const config = loadConfig({
      STATIC_DIR: join(scratch, 'none'),
      SEED_DEMO: 'false',
      LOAD_SHED_LAG_MS: '0',
    })
    const app = await buildApp({ config, database: restored, logger: false })
    cleanups.push(() => app.close())
    current = app

    // One device saved a new report meanwhile: its push is the first to meet
    // the new epoch (the others learn it from their pull).
    const late = await phones[1]?.capture('恢复期间新登记')
    expected[`issue:${late}`] = 1

    // One sync each: the devices re-offer what the restored server lacks.
    await syncAll(phones)

    expect(await serverRecords(restored)).toEqual(expected)
    const sent = phones.length * 8 + 1 + 1
    expect(await countRows(restored, 'sync_mutation')).toBe(sent)
    for (const [index, phone] of phones.entries()) {
      expect(await phone.db.outbox.count()).toBe(0)
      // Each sees its own grid's reports (8, or 9 with the late one) at the server's versions.
      const own = await deviceRecords(phone)
      expect(Object.keys(own)).toHaveLength(index === 1 ? 9 : 8)
      for (const [key, version] of Object.entries(own)) expect(version).toBe(expected[key])
    }
  })

  it('restores a backup into the other dialect', async () => {
    const file = join(scratch, 'shuoshi.jsonl.gz')
    const phone = await device('gridWorker', 'demo-t1-v1-g1', PATHS.g1)
    await phone.capture('跨库恢复')
    await phone.engine.syncOnce()
    const rows = await backupTo(openSecondHandle(), file)
    const other = await emptyDatabase(dialect === 'sqlite' ? 'postgres' : 'sqlite')
    expect(await restoreFrom(other, file)).toBe(rows)
    expect(await serverRecords(other)).toEqual(await serverRecords(server.database))
    expect(await countRows(other, 'app_user')).toBe(await countRows(server.database, 'app_user'))
  })

  it('refuses to restore into a database that has data, and changes nothing', async () => {
    const file = join(scratch, 'shuoshi.jsonl.gz')
    await backupTo(openSecondHandle(), file)
    const users = await countRows(server.database, 'app_user')
    await expect(restoreFrom(server.database, file)).rejects.toThrow(RestoreRefused)
    expect(await countRows(server.database, 'app_user')).toBe(users)
  })
})
