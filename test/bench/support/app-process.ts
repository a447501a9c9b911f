/**
 * The built app as production runs it, for the browser benchmarks
 * (bench:lighthouse, bench:net): `src/server/main.ts` in its own Node
 * process on a free port, serving dist/ (precompressed assets, cache
 * headers, CSP) from a temp DATA_DIR seeded with the demo county. A
 * `prepare` step may add data to the database first (the server then finds
 * the county there and does not seed again). `close()` stops the process
 * and removes the folder.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase, type Database } from '#server/db/database.ts'
import { migrateToLatest } from '#server/db/migrate.ts'
import { seedDemo } from '#server/db/seed.ts'
import { defaultKinds } from '#server/sync/kinds.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const DIST = join(ROOT, 'dist')
const READY_TIMEOUT_MS = 120_000

export interface AppProcess {
  /** http://127.0.0.1:<port> */
  baseUrl: string
  close(): Promise<void>
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no free port')
  return address.port
}

export async function startAppProcess(
  options: {
    prepare?: (database: Database) => Promise<void>
    /** Another build to serve (a baseline to compare with); dist/ when absent. */
    staticDir?: string
  } = {},
): Promise<AppProcess> {
  const staticDir = options.staticDir ?? DIST
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`${staticDir} has no build: run \`npm run build\` first`)
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'shuoshi-bench-app-'))
  const removeDir = () => rm(dataDir, { recursive: true, force: true })
  try {
    if (options.prepare) {
      const database = openDatabase({ dataDir })
      try {
        await migrateToLatest(database.db)
        await seedDemo(database, defaultKinds)
        await options.prepare(database)
      } finally {
        await database.close()
      }
    }
  } catch (error) {
    await removeDir()
    throw error
  }
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: staticDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
    await removeDir()
  }
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + READY_TIMEOUT_MS
  for (;;) {
    if (child.exitCode !== null) {
      await close()
      throw new Error(`the server exited (${child.exitCode}): ${stderr}`)
    }
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) return { baseUrl, close }
    if (Date.now() > deadline) {
      await close()
      throw new Error(`the server did not answer within ${READY_TIMEOUT_MS} ms: ${stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
