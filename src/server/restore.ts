/**
 * `npm run restore -- <file>`: restores a backup made by `npm run backup`
 * into the EMPTY database that DATABASE_URL / DATA_DIR name (a new
 * PostgreSQL database, or a DATA_DIR without shuoshi.sqlite); it refuses a
 * database with data and changes nothing then. Start the server on it
 * afterwards. docs/operations.md has the whole procedure.
 */
import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { loadConfig } from './config.ts'
import { restoreBackup, RestoreRefused } from './db/backup.ts'
import { openDatabase } from './db/database.ts'

const file = process.argv[2]
if (!file) {
  process.stderr.write('usage: npm run restore -- <backup file>\n')
  process.exit(2)
}
const config = loadConfig()
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  const input = createReadStream(file).pipe(createGunzip())
  const rows = await restoreBackup(database, input)
  process.stdout.write(
    `restored ${rows} rows into ${database.dialect}; devices will re-sync when they next connect\n`,
  )
} catch (error) {
  if (!(error instanceof RestoreRefused)) throw error
  process.stderr.write(`restore refused: ${error.message}\n`)
  process.exitCode = 1
} finally {
  await database.close()
}
