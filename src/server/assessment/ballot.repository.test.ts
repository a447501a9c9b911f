import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ballotCodeFromBytes,
  formatBallotCode,
  normalizeBallotCode,
} from '#shared/assessment/ballot-code.ts'
import { openDatabase, type Database } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { codeCounts, hashBallotCode, issueCodes, spendCode } from './ballot.repository.ts'

const CAMPAIGN = '0190f5a2-0000-7000-8000-00000000000a'
const OTHER = '0190f5a2-0000-7000-8000-00000000000b'

describe('ballot codes', () => {
  let database: Database
  beforeAll(async () => {
    database = openDatabase({ dataDir: ':memory:', sqliteFile: ':memory:' })
    await migrateToLatest(database.db)
  })
  afterAll(() => database.close())

  it('spends a code once: the second use and a use in another campaign are refused', async () => {
    const { codes } = await issueCodes(database.db, CAMPAIGN, 3, 'u-cadre', new Date())
    const [code] = codes
    if (!code) throw new Error('no code issued')
    expect(await spendCode(database.db, OTHER, code, 'form-0', new Date())).toBe(false)
    expect(await spendCode(database.db, CAMPAIGN, code, 'form-1', new Date())).toBe(true)
    expect(await spendCode(database.db, CAMPAIGN, code, 'form-2', new Date())).toBe(false)
    expect(await codeCounts(database.db, CAMPAIGN)).toEqual({ issued: 3, used: 1 })
  })

  it('stores only hashes of the codes', async () => {
    const { codes } = await issueCodes(database.db, CAMPAIGN, 2, 'u-cadre', new Date())
    const rows = await database.db.selectFrom('ballot_code').selectAll().execute()
    const stored = JSON.stringify(rows)
    for (const code of codes) {
      expect(stored).not.toContain(code)
      expect(stored).toContain(hashBallotCode(CAMPAIGN, code))
    }
  })

  it('reads a code typed with spaces, a dash or lower case, and refuses look-alikes', () => {
    const code = ballotCodeFromBytes(new Uint8Array([0, 1, 2, 3, 28, 29, 30, 31]))
    expect(code).toBe('2345WXYZ')
    expect(formatBallotCode(code)).toBe('2345-WXYZ')
    expect(normalizeBallotCode(' 2345-wxyz ')).toBe(code)
    expect(normalizeBallotCode('2345WXY0')).toBeNull()
    expect(normalizeBallotCode('2345WXY')).toBeNull()
  })
})
