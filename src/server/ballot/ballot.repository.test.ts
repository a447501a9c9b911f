import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ballotCodeFromBytes,
  formatBallotCode,
  normalizeBallotCode,
} from '#shared/ballot/ballot-code.ts'
import { openDatabase, type Database } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import {
  codeCounts,
  hashBallotCode,
  issueCodes,
  listSheets,
  readSheet,
  spendCode,
} from './ballot.repository.ts'

const CAMPAIGN = '0190f5a2-0000-7000-8000-00000000000a'
const OTHER = '0190f5a2-0000-7000-8000-00000000000b'
const SECRET = 'a-test-secret-of-at-least-32-characters'

describe('ballot codes', () => {
  let database: Database
  beforeAll(async () => {
    database = openDatabase({ dataDir: ':memory:', sqliteFile: ':memory:' })
    await migrateToLatest(database.db)
  })
  afterAll(() => database.close())

  /** Issues a sheet and reads its codes back in clear. */
  async function issue(count: number, campaignId = CAMPAIGN, issuedBy = 'u-cadre') {
    const batchId = await issueCodes(database.db, SECRET, campaignId, count, issuedBy, new Date())
    const { codes } = await readSheet(database.db, SECRET, batchId)
    return { batchId, codes: codes.map((entry) => entry.code) }
  }

  it('spends a code once: the second use and a use in another campaign are refused', async () => {
    const { codes } = await issue(3)
    const [code] = codes
    if (!code) throw new Error('no code issued')
    expect(await spendCode(database.db, OTHER, code, 'form-0', new Date())).toBe(false)
    expect(await spendCode(database.db, CAMPAIGN, code, 'form-1', new Date())).toBe(true)
    expect(await spendCode(database.db, CAMPAIGN, code, 'form-2', new Date())).toBe(false)
    expect(await codeCounts(database.db, CAMPAIGN)).toEqual({ issued: 3, used: 1 })
  })

  it('stores only hashes of the codes', async () => {
    const { codes } = await issue(2)
    const rows = await database.db.selectFrom('ballot_code').selectAll().execute()
    const stored = JSON.stringify(rows)
    for (const code of codes) {
      expect(stored).not.toContain(code)
      expect(stored).toContain(hashBallotCode(CAMPAIGN, code))
    }
  })

  it('shows a sheet again from the secret alone, marking spent codes, and nothing without it', async () => {
    const { batchId, codes } = await issue(4, OTHER, 'u-sheet')
    expect(new Set(codes).size).toBe(4)
    const [spent = ''] = codes
    expect(await spendCode(database.db, OTHER, spent, 'form-9', new Date())).toBe(true)
    const again = await readSheet(database.db, SECRET, batchId)
    expect(again.codes).toEqual(codes.map((code) => ({ code, isUsed: code === spent })))
    expect(await readSheet(database.db, 'another-secret-of-at-least-32-chars!', batchId)).toEqual({
      codes: [],
    })
    expect(await listSheets(database.db, OTHER, 'u-sheet')).toEqual([
      expect.objectContaining({ batchId, count: 4, used: 1 }),
    ])
    expect(await listSheets(database.db, OTHER, 'u-someone-else')).toEqual([])
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
