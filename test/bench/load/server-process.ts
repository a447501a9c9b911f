/**
 * Real server processes for the load benchmark: `node --import tsx
 * src/server/main.ts`, as `npm run serve` runs it, on a SQLite file in a
 * temporary folder, or N processes on one fresh PostgreSQL database of the
 * embedded cluster (the first migrates and seeds the demo county, the
 * others start once it is up). Each listens on its own port; `rssMb()`
 * samples their resident memory; `stop()` leaves nothing behind.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { DialectName } from '#server/db/database.ts'

export interface ServerGroup {
  dialect: DialectName
  /** One base URL per process (http://127.0.0.1:<port>). */
  urls: string[]
  /** The database the processes share, for the stored-once check. */
  databaseUrl: string | undefined
  dataDir: string
  /** Resident memory of each process now, in MB. */
  rssMb(): number[]
  stop(): Promise<void>
}

export interface ServerGroupOptions {
  processes: number
  /** Required for PostgreSQL: the embedded cluster's admin URL. */
  adminUrl?: string
  /** More environment for the servers (e.g. a load-shedding limit). */
  env?: NodeJS.ProcessEnv
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${log()}`)
    try {
      const response = await fetch(`${url}/api/health`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`server at ${url} did not become healthy: ${log()}`)
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

export async function startServerGroup(
  dialect: DialectName,
  options: ServerGroupOptions,
): Promise<ServerGroup> {
  const children: ChildProcess[] = []
  const cleanups: Array<() => Promise<void>> = []
  const dataDir = await mkdtemp(join(tmpdir(), 'shuoshi-load-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  let databaseUrl: string | undefined
  if (dialect === 'postgres') {
    const adminUrl = options.adminUrl
    if (!adminUrl) throw new Error('no PostgreSQL admin URL')
    const name = `load_${randomBytes(6).toString('hex')}`
    await adminQuery(adminUrl, `create database ${name}`)
    cleanups.push(() => adminQuery(adminUrl, `drop database if exists ${name} with (force)`))
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
  }
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve()
            child.once('exit', () => resolve())
            child.kill('SIGTERM')
          }),
      ),
    )
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined)
  }
  try {
    const urls: string[] = []
    for (let index = 0; index < options.processes; index += 1) {
      const port = await freePort()
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          STATIC_DIR: join(dataDir, 'no-static'),
          LOG_LEVEL: 'warn',
          SEED_DEMO: 'true',
          // Several processes on one database share the ballot key (config.ts).
          BALLOT_SECRET: 'load-bench-ballot-secret-0123456789abcdef',
          ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
          ...options.env,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000)
      })
      children.push(child)
      const url = `http://127.0.0.1:${port}`
      // One at a time: the first migrates and seeds, the next find it done.
      await waitHealthy(url, child, () => stderr)
      urls.push(url)
    }
    return {
      dialect,
      urls,
      databaseUrl,
      dataDir,
      rssMb: () => children.map((child) => rssOf(child.pid)),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

function rssOf(pid: number | undefined): number {
  if (!pid) return 0
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return Math.round(kb / 1024)
  } catch {
    return 0
  }
}
