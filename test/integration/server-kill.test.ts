/**
 * The server process itself killed with SIGKILL in the middle of concurrent
 * pushes, on SQLite (WAL) and PostgreSQL: a real `node src/server/main.ts`
 * listening on a port, not an in-process instance. After a restart every
 * device re-sends what got no answer; each mutation is then stored exactly
 * once and every record is at version 1.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uuidv7 } from 'uuidv7'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import {
  pushResponseSchema,
  SCHEMA_HEADER,
  SYNC_SCHEMA_VERSION,
  type Mutation,
} from '#shared/sync/sync.protocol.ts'
import { openDatabase, type Database } from '#server/db/database.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { PATHS, PHONES } from '../support/demo-county.ts'
import { findFreePort } from '../support/postgres.global-setup.ts'
import { expectCreatedOnce } from '../support/sync-client.ts'
import { createPostgresDatabase, DIALECTS, type ScratchDatabase } from '../support/test-server.ts'

describe.each(DIALECTS)('the server process killed -9 mid-push on %s', (dialect) => {
  let dir: string
  let scratch: ScratchDatabase | undefined
  let port: number
  let child: ChildProcess | undefined

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shuoshi-kill-'))
    scratch = dialect === 'postgres' ? await createPostgresDatabase() : undefined
    port = await findFreePort()
  })
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
    await scratch?.drop()
    await rm(dir, { recursive: true, force: true })
  })

  const base = () => `http://127.0.0.1:${port}`

  async function start(): Promise<void> {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(dir, 'data'),
        DATABASE_URL: scratch?.url ?? '',
        STATIC_DIR: join(dir, 'no-static'),
        SEED_DEMO: 'true',
        LOG_LEVEL: 'warn',
        // A busy test machine must not turn these pushes into shed 503s.
        LOAD_SHED_LAG_MS: '0',
      },
      stdio: 'ignore',
    })
    for (let attempt = 0; attempt < 300; attempt++) {
      try {
        if ((await fetch(`${base()}/api/health`)).ok) return
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error('the server did not start within 30 s')
  }

  async function login(): Promise<string> {
    const response = await fetch(`${base()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: PHONES.gridWorker, password: DEMO_PASSWORD }),
    })
    expect(response.status).toBe(200)
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  }

  const push = (cookie: string, mutations: Mutation[]) =>
    fetch(`${base()}/api/sync/push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie,
        [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION),
      },
      body: JSON.stringify({ mutations }),
    })

  let seq = 1
  const report = (title: string): Mutation => ({
    id: uuidv7(),
    kind: 'issue',
    recordId: uuidv7(),
    op: 'create',
    payload: { ...sampleCapture(), title, gridId: 'demo-t1-v1-g1', orgPath: PATHS.g1 },
    baseVersion: 0,
    seq: seq++,
    deviceId: 'kill-test-device',
    createdAt: new Date().toISOString(),
  })

  it('stores every mutation exactly once after a restart and re-sending', async () => {
    await start()
    const cookie = await login()
    const batches = Array.from({ length: 20 }, (_, b) =>
      Array.from({ length: 5 }, (_, i) => report(`断电测试 ${b}-${i}`)),
    )
    const inFlight = batches.map((mutations) =>
      push(cookie, mutations).then(
        (response) => response.status,
        () => 'cut' as const,
      ),
    )
    await Promise.race(inFlight)
    child?.kill('SIGKILL')
    if (child) await once(child, 'exit')
    const during = await Promise.all(inFlight)
    console.log(
      `${dialect}: pushes around a kill -9 of the server: ` +
        `${during.filter((s) => s === 200).length} × 200, ${during.filter((s) => s === 'cut').length} cut`,
    )
    expect(during.every((status) => status === 200 || status === 'cut')).toBe(true)

    await start()
    const again = await login()
    let duplicates = 0
    for (const mutations of batches) {
      const response = await push(again, mutations)
      expect(response.status).toBe(200)
      const { results } = pushResponseSchema.parse(await response.json())
      for (const result of results) {
        const isApplied =
          result.status === 'applied' ||
          (result.status === 'duplicate' && result.original === 'applied')
        expect(isApplied, JSON.stringify(result)).toBe(true)
        if (result.status === 'duplicate') duplicates++
      }
    }
    console.log(`${dialect}: after restart, ${duplicates} of 100 had committed before the kill`)

    child?.kill('SIGTERM')
    if (child) await once(child, 'exit')
    const database: Database = openDatabase(
      scratch ? { databaseUrl: scratch.url } : { dataDir: join(dir, 'data') },
    )
    try {
      await expectCreatedOnce(database, batches.flat())
    } finally {
      await database.close()
    }
  })
})
