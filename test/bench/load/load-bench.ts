/**
 * Load benchmark (issue #13.5): `npm run bench:load` prints one JSON line
 * per phase on stdout (progress on stderr). Real server processes over real
 * HTTP: one on a SQLite file, and two on one PostgreSQL database of the
 * embedded cluster, in the same run so their figures compare.
 *
 *   steady   D = 50, 150, 300 phones (device.ts), each with its own device
 *            id, cursor and outbox, for STEADY_S seconds: a change, a push,
 *            pulls until caught up, a sleep of 0.5–2 s. p50/p95/p99/max of
 *            push and pull, answers by status, acknowledged mutations/s,
 *            the servers' RSS.
 *   rush     300 phones come online with 50 queued changes each (grid
 *            workers: reports; cadres: accept + resolve of their village's
 *            reports) and push together: time until all are acknowledged,
 *            mutations/s, the slowest push.
 *   check    every acknowledged mutation is stored once, and each record's
 *            version, applied mutations and change-log entries agree.
 *
 * Figures, not tests: only the check (and a server fault) fails the run.
 * BENCH_SMOKE=1: D = 6, a 6-phone rush of 10 changes, 3 s phases (CI).
 * BENCH_LOAD_ONLY=sqlite|postgres runs one target; LOAD_STEADY_S sets the phase length;
 * LOAD_DEVICES=300 (comma-separated, empty for none) the steady phases.
 */
import { loadavg } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { issueCreate, issueTransition } from './device.ts'
import { ACCOUNTS, Device, loginAccounts, sleep, VillageWork, type Account } from './device.ts'
import { checkStoredOnce, Ledger } from './ledger.ts'
import { startServerGroup, type ServerGroup } from './server-process.ts'
import { startPostgresCluster } from '../support/bench-server.ts'

const SMOKE = process.env.BENCH_SMOKE === '1'
const ONLY = process.env.BENCH_LOAD_ONLY
const SIZES = SMOKE
  ? { devices: [6], steadyS: 3, rushDevices: 6, rushChanges: 10 }
  : {
      devices: (process.env.LOAD_DEVICES ?? '50,150,300').split(',').filter(Boolean).map(Number),
      steadyS: Number(process.env.LOAD_STEADY_S ?? 30),
      rushDevices: 300,
      rushChanges: 50,
    }

const progress = (message: string) => process.stderr.write(`${message}\n`)
const load = () => loadavg().map((value) => Number(value.toFixed(2)))
/** Printed with every figure: the variant being measured. */
const context: Record<string, unknown> = {}
const print = (figure: Record<string, unknown>) =>
  console.log(JSON.stringify({ ...figure, ...context, loadavg: load() }))

function devicesFor(
  group: ServerGroup,
  accounts: Map<string, Account>,
  count: number,
  ledger: Ledger,
  work: VillageWork,
): Device[] {
  return Array.from({ length: count }, (_, index) => {
    const account = accounts.get(ACCOUNTS[index % ACCOUNTS.length]!)!
    return new Device(account, group.urls[index % group.urls.length]!, ledger, work)
  })
}

/**
 * Samples the servers' RSS every second while `work` runs (the peak per
 * process), and this process's own event-loop delay: phones whose loop
 * lags would add that to every latency they report.
 */
async function withRss<T>(group: ServerGroup, work: () => Promise<T>) {
  const clientLag = monitorEventLoopDelay({ resolution: 20 })
  clientLag.enable()
  const peak = group.urls.map(() => 0)
  const timer = setInterval(() => {
    group.rssMb().forEach((mb, index) => (peak[index] = Math.max(peak[index]!, mb)))
  }, 1000)
  try {
    const result = await work()
    const clientLagP99Ms = Math.round(clientLag.percentile(99) / 1e6)
    return { result, rssMb: peak, clientLagP99Ms }
  } finally {
    clearInterval(timer)
    clientLag.disable()
  }
}

async function steady(group: ServerGroup, accounts: Map<string, Account>, count: number) {
  const ledger = new Ledger()
  const devices = devicesFor(group, accounts, count, ledger, new VillageWork())
  const end = Date.now() + SIZES.steadyS * 1000
  const started = performance.now()
  const { rssMb, clientLagP99Ms } = await withRss(group, () =>
    Promise.all(
      devices.map(async (device) => {
        // Phones do not start in the same millisecond.
        await sleep(Math.random() * 2000)
        while (Date.now() < end) {
          await device.cycle()
          await sleep(500 + Math.random() * 1500)
        }
      }),
    ),
  )
  const seconds = (performance.now() - started) / 1000
  devices.forEach((device) => device.close())
  print({
    figure: 'steady',
    dialect: group.dialect,
    processes: group.urls.length,
    devices: count,
    seconds: Number(seconds.toFixed(1)),
    ...ledger.summary(),
    acknowledged_per_s: Math.round(ledger.applied.size / seconds),
    pulls_per_s: Math.round(ledger.ms.pull.length / seconds),
    rss_mb: rssMb,
    client_loop_lag_p99_ms: clientLagP99Ms,
  })
  return ledger
}

async function rush(group: ServerGroup, accounts: Map<string, Account>) {
  const setup = new Ledger()
  const work = new VillageWork()
  const ledger = new Ledger()
  const devices = devicesFor(group, accounts, SIZES.rushDevices, ledger, work)
  // Reports for the cadres to handle, made beforehand by one phone per grid (not timed).
  const reporters = new Map<string, Device>()
  for (const account of accounts.values()) {
    if (account.role === 'grid_worker' && !reporters.has(account.village))
      reporters.set(account.village, new Device(account, group.urls[0]!, setup, work))
  }
  const pairs = Math.floor(SIZES.rushChanges / 2)
  for (const device of devices) {
    if (device.account.role === 'grid_worker') {
      device.queue(
        Array.from({ length: SIZES.rushChanges }, () =>
          issueCreate(device.account, device.id, device.nextSeq()),
        ),
      )
      continue
    }
    const reporter = reporters.get(device.account.village)!
    const ids = Array.from({ length: pairs }, () => {
      const create = issueCreate(reporter.account, reporter.id, reporter.nextSeq())
      reporter.queue([create])
      return create.recordId
    })
    device.queue(
      ids.flatMap((id) => [
        issueTransition(device.id, device.nextSeq(), id, 'accept'),
        issueTransition(device.id, device.nextSeq(), id, 'resolve_locally'),
      ]),
    )
  }
  for (const reporter of reporters.values()) {
    // A busy server may shed the setup too: it waits and sends again, as a phone does.
    for (let tries = 1; !(await reporter.push()); tries += 1) {
      if (tries >= 60) throw new Error('rush setup: reports were not accepted')
    }
    reporter.close()
  }
  const queued = devices.reduce((sum, device) => sum + device.outbox.length, 0)
  progress(`  rush: ${devices.length} phones, ${queued} queued changes`)
  const started = performance.now()
  const { rssMb, clientLagP99Ms } = await withRss(group, () =>
    Promise.all(
      devices.map(async (device) => {
        const deadline = Date.now() + 120_000
        while (!(await device.push()) && Date.now() < deadline) await sleep(1000)
      }),
    ),
  )
  const seconds = (performance.now() - started) / 1000
  devices.forEach((device) => device.close())
  const left = devices.reduce((sum, device) => sum + device.outbox.length, 0)
  print({
    figure: 'rush',
    dialect: group.dialect,
    processes: group.urls.length,
    devices: devices.length,
    queued,
    not_acknowledged: left,
    seconds_to_all_acknowledged: Number(seconds.toFixed(1)),
    ...ledger.summary(),
    mutations_per_s: Math.round((queued - left) / seconds),
    rss_mb: rssMb,
    client_loop_lag_p99_ms: clientLagP99Ms,
  })
  return { ledgers: [setup, ledger], perSecond: (queued - left) / seconds, left }
}

async function runTarget(group: ServerGroup, shed: string) {
  context.shed_lag_ms = Number(shed)
  progress(`${group.dialect}: ${group.urls.length} process(es) at ${group.urls.join(', ')}`)
  const accounts = await loginAccounts(group.urls[0]!)
  const ledgers: Ledger[] = []
  for (const count of SIZES.devices) {
    progress(`  steady: ${count} phones for ${SIZES.steadyS} s`)
    ledgers.push(await steady(group, accounts, count))
  }
  const rushed = await rush(group, accounts)
  ledgers.push(...rushed.ledgers)
  const problems = await checkStoredOnce(group, ledgers)
  const faults = ledgers.reduce((sum, ledger) => sum + ledger.failures(), 0)
  print({
    figure: 'check',
    dialect: group.dialect,
    acknowledged: ledgers.reduce((sum, ledger) => sum + ledger.applied.size, 0),
    stored_once: problems.length === 0,
    server_faults_or_no_answer: faults,
  })
  for (const problem of problems.slice(0, 20)) progress(`  ✗ ${problem}`)
  // A rush left unacknowledged after 120 s is a figure (not_acknowledged); in the smoke, a failure.
  if (problems.length > 0 || (SMOKE && rushed.left > 0)) {
    throw new Error(`${group.dialect}: check failed`)
  }
  return { rushPerSecond: rushed.perSecond, faults }
}

/** LOAD_SHED_VARIANTS=300,0 compares shedding at 300 ms with none, in one run. */
const VARIANTS = (process.env.LOAD_SHED_VARIANTS ?? process.env.LOAD_SHED_LAG_MS ?? '300')
  .split(',')
  .map((value) => value.trim())
let faults = 0
for (const shed of VARIANTS) {
  const env = { LOAD_SHED_LAG_MS: shed }
  const rates: Record<string, number> = {}
  if (ONLY !== 'postgres') {
    const group = await startServerGroup('sqlite', { processes: 1, env })
    try {
      const outcome = await runTarget(group, shed)
      rates.sqlite = outcome.rushPerSecond
      faults += outcome.faults
    } finally {
      await group.stop()
    }
  }
  if (ONLY !== 'sqlite') {
    const cluster = await startPostgresCluster()
    try {
      const group = await startServerGroup('postgres', {
        processes: 2,
        adminUrl: cluster.adminUrl,
        env,
      })
      try {
        const outcome = await runTarget(group, shed)
        rates.postgres = outcome.rushPerSecond
        faults += outcome.faults
      } finally {
        await group.stop()
      }
    } finally {
      await cluster.stop()
    }
  }
  if (rates.sqlite && rates.postgres) {
    print({
      figure: 'rush_ratio_postgres_to_sqlite',
      shed_lag_ms: Number(shed),
      ratio: Number((rates.postgres / rates.sqlite).toFixed(2)),
    })
  }
}
// In the smoke, any answer that is a fault (not 2xx–4xx or a shed 503) fails CI.
if (SMOKE && faults > 0) throw new Error(`${faults} answers were server faults or missing`)
