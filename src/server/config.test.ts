import { describe, expect, it } from 'vitest'
import { DEFAULT_STAGE_DEADLINES } from '#shared/issue/issue.machine.ts'
import { loadConfig, parseStageDeadlines } from './config.ts'

describe("the county's issue stage deadlines (ISSUE_STAGE_DEADLINES)", () => {
  it('keeps the documented defaults when unset', () => {
    expect(loadConfig({}).issueStageDeadlines).toEqual(DEFAULT_STAGE_DEADLINES)
  })

  it('overrides only the stages named', () => {
    expect(parseStageDeadlines(' village = 7, department=20 ')).toEqual({
      ...DEFAULT_STAGE_DEADLINES,
      village: 7,
      department: 20,
    })
  })

  it.each([
    'village=0',
    'village=366',
    'village=2.5',
    'village=',
    'villages=3',
    'village=3=4',
    'x',
  ])('refuses "%s" at startup, naming the entry', (value) => {
    expect(() => parseStageDeadlines(value)).toThrow(`"${value}"`)
  })
})

describe('photo upload quota and clean-up (BLOB_DAILY_QUOTA_MB, BLOB_GC_DAYS)', () => {
  it('defaults to 100 MB a day and 30 days', () => {
    expect(loadConfig({})).toMatchObject({ blobDailyQuotaBytes: 100 * 1024 * 1024, blobGcDays: 30 })
  })

  it('takes fractions of a megabyte', () => {
    expect(loadConfig({ BLOB_DAILY_QUOTA_MB: '0.5' }).blobDailyQuotaBytes).toBe(512 * 1024)
  })

  it.each(['0', '-1', 'abc'])('refuses "%s" at startup, naming the setting', (value) => {
    expect(() => loadConfig({ BLOB_DAILY_QUOTA_MB: value })).toThrow('BLOB_DAILY_QUOTA_MB')
    expect(() => loadConfig({ BLOB_GC_DAYS: value })).toThrow('BLOB_GC_DAYS')
  })
})
