/**
 * The server-held secret that ballot code sheets are derived from (ADR 0007):
 * BALLOT_SECRET from the environment (required when several server processes
 * share one database), otherwise a random key made once in the data folder.
 * It is never stored in the database, so a leaked database or backup alone
 * does not reveal unused codes.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MIN_BALLOT_SECRET_LENGTH, type Config } from '../config.ts'

const SECRET_FILE = 'ballot-secret'

/** The secret for `config`, read or made at first use (not at start: most runs never print codes). */
export function ballotSecretLoader(config: Pick<Config, 'ballotSecret' | 'dataDir'>): () => string {
  let secret: string | undefined
  return () => {
    secret ??= config.ballotSecret ?? readOrMakeSecret(config.dataDir)
    return secret
  }
}

function readOrMakeSecret(dataDir: string): string {
  const path = join(dataDir, SECRET_FILE)
  try {
    mkdirSync(dataDir, { recursive: true })
    // 'wx' fails when the file exists: two processes starting together keep the first key.
    writeFileSync(path, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error
  }
  const secret = readFileSync(path, 'utf8').trim()
  if (secret.length < MIN_BALLOT_SECRET_LENGTH) throw new Error(`${path} is too short`)
  return secret
}
