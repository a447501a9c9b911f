/** Starts the server: migrate, seed the demo county when empty, listen, close cleanly. */
import type { FastifyBaseLogger } from 'fastify'
import { loadConfig } from './config.ts'
import { openDatabase } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { seedDemo } from './db/seed.ts'
import { backfillFacts } from './supervision/facts.ts'
import { countOrgUnits } from './org/org.repository.ts'
import { buildApp } from './app.ts'
import { kindsFor } from './sync/kinds.ts'

const config = loadConfig()
/** The app's logger, once there is an app (the database opens first). */
const logger: { current?: FastifyBaseLogger } = {}
const database = openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  // A PostgreSQL restart cuts idle connections: log it; the pool reconnects.
  onConnectionError: (error) =>
    logger.current?.warn(
      { err: error },
      'database connection lost; reconnecting on the next query',
    ),
})
await migrateToLatest(database.db)
// Records stored before the supervision projection existed get their facts once.
await backfillFacts(database.db)
if (config.seedDemo && (await countOrgUnits(database.db)) === 0) {
  await seedDemo(
    database,
    kindsFor(config.issueStageDeadlines, { submitBy: config.livelihoodSubmitBy }),
  )
}
const app = await buildApp({ config, database })
logger.current = app.log
if (config.seedDemo) app.log.info('demo county ready (see README for the accounts)')

let closing = false
async function close(signal: string) {
  if (closing) return
  closing = true
  app.log.info({ signal }, 'shutting down')
  await app.close()
  await database.close()
  process.exit(0)
}
process.on('SIGINT', () => void close('SIGINT'))
process.on('SIGTERM', () => void close('SIGTERM'))

await app.listen({ port: config.port, host: config.host })
