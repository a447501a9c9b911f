/**
 * `npm run backup -- [file]`: a consistent backup of the server's database
 * (DATABASE_URL / DATA_DIR, as the server reads them) while it keeps serving.
 * Written to `<file>.partial` and renamed when complete, so a file with the
 * final name is always a whole backup. Default file:
 * backups/shuoshi-<UTC date and time>.jsonl.gz. See db/backup.ts.
 */
import { createWriteStream, mkdirSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { finished } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { loadConfig } from './config.ts'
import { writeBackup } from './db/backup.ts'
import { openDatabase } from './db/database.ts'

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')
const file = resolve(process.argv[2] ?? `backups/shuoshi-${stamp}.jsonl.gz`)
const config = loadConfig()
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  mkdirSync(dirname(file), { recursive: true })
  const partial = `${file}.partial`
  const gzip = createGzip()
  const done = finished(gzip.pipe(createWriteStream(partial)))
  const rows = await writeBackup(database, gzip)
  gzip.end()
  await done
  await rename(partial, file)
  process.stdout.write(`backup of ${rows} rows (${database.dialect}) written to ${file}\n`)
} finally {
  await database.close()
}
