/**
 * The randomized convergence test of the sync engine (issue 4): five devices
 * in different units, thousands of changes, a quarter of all requests hit by
 * faults — dropped requests, answers lost after commit, double deliveries,
 * late out-of-order deliveries, servers crashing part-way through a batch,
 * server restarts, devices killed between saving and pushing. At the end
 * every device must hold exactly the server's view of its scope: nothing
 * lost, nothing applied twice, every refusal visible to its author.
 *
 * Runs on SQLite, on PostgreSQL, and with two server instances sharing one
 * PostgreSQL. The seed is printed; CONVERGENCE_SEED=<n> replays a run.
 */
import 'fake-indexeddb/auto'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import type { Actor } from '#shared/sync/record-kind.ts'
import type { Role } from '#shared/auth/roles.ts'
import { AppDb, type OutboxEntry } from '#app/db/app-db.ts'
import { saveChange, serverCopy } from '#app/sync/local-store.ts'
import { pushOutbox } from '#app/sync/push.ts'
import { pullAll } from '#app/sync/pull.ts'
import { buildApp } from '#server/app.ts'
import { loadConfig } from '#server/config.ts'
import { openDatabase, type Database } from '#server/db/database.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { injectTransport, type Fault } from '../support/inject-transport.ts'
import { MEMO_KINDS } from '../support/memo-kind.ts'
import { Replica } from '../support/sync-client.ts'
import { PATHS, PHONES, userIdOf, type Person } from '../support/demo-county.ts'
import { seededRandom } from '../support/seeded-random.ts'

const ROUNDS = Number(process.env.CONVERGENCE_ROUNDS ?? 850)
const FAULT_RATE = 0.25
const FAULTS: readonly Fault[] = [
  'drop-request',
  'lose-response',
  'duplicate',
  'delay',
  'crash-mid-batch',
]

interface Device {
  person: Person
  role: Role
  unitPath: string
  /** Where this person may create memos. */
  createPaths: readonly string[]
  db: AppDb
  dbName: string
  cookie: string
  actor: Omit<Actor, 'at'>
  transport: ReturnType<typeof injectTransport>
  saved: string[]
}

const PEOPLE: ReadonlyArray<{
  person: Person
  role: Role
  unit: string
  unitPath: string
  createPaths: string[]
}> = [
  {
    person: 'gridWorker',
    role: 'grid_worker',
    unit: 'demo-t1-v1-g1',
    unitPath: PATHS.g1,
    createPaths: [PATHS.g1],
  },
  {
    person: 'siblingGridWorker',
    role: 'grid_worker',
    unit: 'demo-t1-v1-g2',
    unitPath: PATHS.g2,
    createPaths: [PATHS.g2],
  },
  {
    person: 'otherVillageGridWorker',
    role: 'grid_worker',
    unit: 'demo-t1-v2-g1',
    unitPath: PATHS.v2g1,
    createPaths: [PATHS.v2g1],
  },
  {
    person: 'villageCadre',
    role: 'village_cadre',
    unit: 'demo-t1-v1',
    unitPath: PATHS.v1,
    createPaths: [PATHS.g1, PATHS.g2],
  },
  {
    person: 'township',
    role: 'township_staff',
    unit: 'demo-t1',
    unitPath: PATHS.t1,
    createPaths: [PATHS.g1, PATHS.v2g1],
  },
]

interface Tally {
  requests: number
  faults: Record<Fault | 'client-crash' | 'server-restart', number>
}

async function runConvergence(mode: 'sqlite' | 'postgres' | 'postgres-2-servers', seed: number) {
  const rng = seededRandom(seed)
  const server: TestServer = await createTestServer(mode === 'sqlite' ? 'sqlite' : 'postgres', {
    kinds: MEMO_KINDS,
  })
  const apps: FastifyInstance[] = [server.app]
  // Restarted instances stop taking requests; they are closed at the end (server.app by server.close()).
  const retired: FastifyInstance[] = []
  let second: Database | null = null
  const config = loadConfig({
    STATIC_DIR: '/nonexistent',
    SEED_DEMO: 'false',
    LOAD_SHED_LAG_MS: '0',
  })
  if (mode === 'postgres-2-servers') {
    second = openDatabase({ databaseUrl: server.databaseUrl ?? undefined })
    apps.push(await buildApp({ config, database: second, logger: false, kinds: MEMO_KINDS }))
  }
  const tally: Tally = {
    requests: 0,
    faults: {
      'drop-request': 0,
      'lose-response': 0,
      duplicate: 0,
      delay: 0,
      'crash-mid-batch': 0,
      'client-crash': 0,
      'server-restart': 0,
    },
  }
  let faultsOn = true

  const devices: Device[] = []
  for (const [index, who] of PEOPLE.entries()) {
    const dbName = `convergence-${mode}-${seed}-${index}`
    const cookie = await server.login(PHONES[who.person])
    const device: Device = {
      person: who.person,
      role: who.role,
      unitPath: who.unitPath,
      createPaths: who.createPaths,
      db: new AppDb(dbName),
      dbName,
      cookie,
      actor: {
        userId: userIdOf(who.person),
        userName: who.person,
        role: who.role,
        orgUnitId: who.unit,
        orgPath: who.unitPath,
      },
      saved: [],
      transport: injectTransport({
        // Each request goes to one of the server instances at random.
        app: () => rng.pick(apps),
        cookie: () => device.cookie,
        random: rng.next,
        fault: () => {
          tally.requests += 1
          if (!faultsOn || !rng.chance(FAULT_RATE)) return null
          const fault = rng.pick(FAULTS)
          tally.faults[fault] += 1
          return fault
        },
      }),
    }
    devices.push(device)
  }
  const actorFor = (device: Device) => (entry: OutboxEntry) => ({
    ...device.actor,
    at: entry.createdAt,
  })

  async function sync(device: Device) {
    try {
      await pushOutbox(
        device.db,
        device.transport,
        MEMO_KINDS,
        actorFor(device),
        device.actor.userId,
      )
      await pullAll(device.db, device.transport, MEMO_KINDS, actorFor(device), {
        limit: rng.pick([1, 3, 50, 500]),
      })
    } catch (error) {
      // Network faults are expected; anything else is a bug.
      if (!(error instanceof Error) || !/injected/.test(error.message)) throw error
    }
  }

  async function change(device: Device) {
    const known = await device.db.records.toArray()
    const target = known.length > 0 && rng.chance(0.6) ? rng.pick(known) : null
    const at = new Date().toISOString()
    let input: Parameters<typeof saveChange>[3]
    if (!target) {
      input = {
        kind: 'memo',
        op: 'create',
        payload: {
          text: `第${device.saved.length}条`,
          orgPath: rng.pick(device.createPaths),
          secret: '13800001111',
        },
      }
    } else {
      const op = rng.pick([
        'update',
        'update',
        'finish',
        ...(device.role === 'village_cadre' ? ['move', 'assign'] : []),
      ])
      const payload =
        op === 'update'
          ? { text: `改${rng.next().toString(36).slice(2, 8)}` }
          : op === 'move'
            ? { path: rng.pick([PATHS.g1, PATHS.g2]) }
            : op === 'assign'
              ? { path: rng.chance(0.5) ? PATHS.dept1 : null }
              : {}
      input = { kind: 'memo', recordId: target.id, op, payload }
    }
    try {
      const entry = await saveChange(device.db, MEMO_KINDS, { ...device.actor, at }, input)
      device.saved.push(entry.id)
    } catch {
      // The device's own rules refused it (e.g. finishing a finished memo): nothing saved, nothing to sync.
    }
  }

  for (let round = 0; round < ROUNDS; round += 1) {
    await Promise.all(
      devices.map(async (device) => {
        const roll = rng.next()
        if (roll < 0.55) await change(device)
        else if (roll < 0.95) await sync(device)
        else {
          // The app is killed after saving and before pushing: reopen the database.
          await change(device)
          device.db.close()
          device.db = new AppDb(device.dbName)
          tally.faults['client-crash'] += 1
        }
      }),
    )
    if (rng.chance(0.03)) {
      // A server instance restarts: a new Fastify on the same database.
      const index = Math.floor(rng.next() * apps.length)
      retired.push(apps[index]!)
      apps[index] = await buildApp({
        config,
        database: index === 0 ? server.database : second!,
        logger: false,
        kinds: MEMO_KINDS,
      })
      tally.faults['server-restart'] += 1
    }
  }

  // The network heals: late deliveries land, then everyone syncs until quiet.
  faultsOn = false
  for (const device of devices) await device.transport.flushDelayed()
  for (let pass = 0; pass < 3; pass += 1) for (const device of devices) await sync(device)

  const db = server.database.db
  const mutations = await db
    .selectFrom('sync_mutation')
    .select(['id', 'status', 'record_key'])
    .execute()
  const byId = new Map(mutations.map((row) => [row.id, row]))
  const report = {
    mode,
    seed,
    rounds: ROUNDS,
    devices: devices.length,
    saved: 0,
    applied: 0,
    rejected: 0,
    lost: 0,
    doubled: 0,
    mismatched: 0,
    ...tally,
    faultShare: 0,
  }

  for (const device of devices) {
    // 0 lost: every change saved on the device reached the server…
    for (const id of device.saved) {
      report.saved += 1
      const row = byId.get(id)
      if (!row) report.lost += 1
      else if (row.status === 'applied') report.applied += 1
      else report.rejected += 1
    }
    // …and every refusal is still on the device, shown to its author, while nothing else is.
    const outbox = await device.db.outbox.toArray()
    for (const entry of outbox) {
      expect(entry.status, `${device.person} has an unsent change`).toBe('rejected')
      expect(entry.rejection?.message).toMatch(/[\u4e00-\u9fa5]/)
      expect(byId.get(entry.id)?.status).toBe('rejected')
    }
    const refusedHere = device.saved.filter((id) => byId.get(id)?.status === 'rejected')
    expect(outbox.map((entry) => entry.id).sort()).toEqual(refusedHere.sort())

    // The device holds exactly the server's view of its scope.
    const truth = new Map(
      [...(await new Replica(server.app, device.cookie).sync(1000)).records.values()].map(
        (record) => [`${record.kind}:${record.id}`, record],
      ),
    )
    const local = await device.db.records.toArray()
    const mine = new Map(
      local.flatMap((record) => {
        const server = serverCopy(record)
        return server === null ? [] : [[record.key, { version: record.version, server }] as const]
      }),
    )
    for (const [key, record] of truth) {
      const held = mine.get(key)
      if (
        !held ||
        held.version !== record.version ||
        JSON.stringify(held.server) !== JSON.stringify(record.data)
      )
        report.mismatched += 1
    }
    for (const key of mine.keys()) if (!truth.has(key)) report.mismatched += 1
  }

  // 0 doubled: each record changed exactly once per applied mutation.
  const perRecord = await sql<{
    record_key: string
    changes: number
    applied: number
    version: number
  }>`
    select r.key as record_key, r.version,
      (select count(*) from change_log c where c.record_key = r.key) as changes,
      (select count(*) from sync_mutation m where m.record_key = r.key and m.status = 'applied') as applied
    from sync_record r`.execute(db)
  for (const row of perRecord.rows) {
    if (Number(row.changes) !== Number(row.applied) || Number(row.version) !== Number(row.applied))
      report.doubled += 1
  }
  const faultCount = Object.values(tally.faults).reduce((sum, n) => sum + n, 0)
  report.faultShare =
    Math.round(
      (1000 * (faultCount - tally.faults['client-crash'] - tally.faults['server-restart'])) /
        tally.requests,
    ) / 10

  console.log(`convergence ${JSON.stringify(report)}`)
  for (const device of devices) {
    device.db.close()
    await device.db.delete()
  }
  for (const app of [...apps, ...retired]) if (app !== server.app) await app.close()
  await second?.close()
  await server.close()
  return report
}

const baseSeed = Number(process.env.CONVERGENCE_SEED ?? Date.now() % 1_000_000)
const reports: unknown[] = []
afterAll(() => console.log(`convergence seeds: base ${baseSeed}`))

const MODES = ['sqlite', 'postgres', 'postgres-2-servers'] as const
describe.each(MODES.filter((mode) => DIALECTS.includes(mode === 'sqlite' ? 'sqlite' : 'postgres')))(
  'convergence on %s',
  (mode) => {
    it('ends with every device equal to its scope on the server: 0 lost, 0 doubled, every refusal shown', async () => {
      const seed = baseSeed + MODES.indexOf(mode)
      const report = await runConvergence(mode, seed)
      reports.push(report)
      expect(report.saved, `seed ${seed}`).toBeGreaterThanOrEqual(
        Math.floor(ROUNDS * PEOPLE.length * 0.4),
      )
      expect(report.faultShare, `seed ${seed}`).toBeGreaterThanOrEqual(15)
      expect(report.lost, `seed ${seed}`).toBe(0)
      expect(report.doubled, `seed ${seed}`).toBe(0)
      expect(report.mismatched, `seed ${seed}`).toBe(0)
      expect(report.applied + report.rejected).toBe(report.saved)
    }, 600_000)
  },
)
