/**
 * `npm run county:init`: creates the first county and its admin on an empty
 * database (see org/bootstrap.ts). Reads the same DATABASE_URL / DATA_DIR as
 * the server, and the county and admin from the environment — the password
 * too, so it never shows in the process list or the shell history:
 *
 *   COUNTY_ID=qinghe COUNTY_NAME=清河县说事中心 ADMIN_PHONE=13812345678 \
 *   ADMIN_NAME=张三 ADMIN_PASSWORD=… SEED_DEMO=false npm run county:init
 */
import { loadConfig } from './config.ts'
import { openDatabase } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { bootstrapCounty, BootstrapRefused } from './org/bootstrap.ts'

const config = loadConfig()
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  await migrateToLatest(database.db)
  const { countyId } = await bootstrapCounty(database.db, {
    countyId: process.env.COUNTY_ID ?? 'county',
    countyName: process.env.COUNTY_NAME ?? '',
    adminPhone: process.env.ADMIN_PHONE ?? '',
    adminName: process.env.ADMIN_NAME ?? '',
    adminPassword: process.env.ADMIN_PASSWORD ?? '',
  })
  process.stdout.write(
    `county ${countyId} and its admin created; start the server with SEED_DEMO=false\n`,
  )
} catch (error) {
  if (!(error instanceof BootstrapRefused)) throw error
  process.stderr.write(`county:init refused: ${error.message}\n`)
  process.exitCode = 1
} finally {
  await database.close()
}
