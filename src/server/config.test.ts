import { describe, expect, it } from 'vitest'
import { DEFAULT_STAGE_DEADLINES } from '#shared/issue/issue.deadlines.ts'
import { loadConfig, parseMonthDay, parsePublicOrigins, parseStageDeadlines } from './config.ts'

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

describe("the townships' livelihood list date (LIVELIHOOD_SUBMIT_BY)", () => {
  it('is 31 March unless the county sets its own day', () => {
    expect(loadConfig({}).livelihoodSubmitBy).toBe('03-31')
    expect(loadConfig({ LIVELIHOOD_SUBMIT_BY: ' 01-15 ' }).livelihoodSubmitBy).toBe('01-15')
  })

  it.each(['3-31', '13-01', '00-10', '04-31', '02-29', '03-31x'])(
    'refuses "%s" at startup',
    (value) => {
      expect(() => parseMonthDay('LIVELIHOOD_SUBMIT_BY', value)).toThrow(`"${value}"`)
    },
  )
})

describe('the origins allowed besides our own (PUBLIC_ORIGIN)', () => {
  it('is empty when unset', () => {
    expect(loadConfig({}).publicOrigins).toEqual([])
  })

  it('reads a comma-separated list as the browser spells origins', () => {
    expect(
      parsePublicOrigins(
        ' https://Shuoshi.Example.gov.cn/ , http://10.0.0.5:8080,https://a.cn:443',
      ),
    ).toEqual(['https://shuoshi.example.gov.cn', 'http://10.0.0.5:8080', 'https://a.cn'])
  })

  it.each([
    'shuoshi.example.gov.cn',
    'https://shuoshi.example.gov.cn/app',
    'https://shuoshi.example.gov.cn/?x=1',
    'https://shuoshi.example.gov.cn#top',
    'https://user@shuoshi.example.gov.cn',
    'ftp://shuoshi.example.gov.cn',
    'null',
    '*',
  ])('refuses "%s" at startup, naming the entry', (value) => {
    expect(() => parsePublicOrigins(value)).toThrow(`"${value}"`)
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

describe('load shedding (LOAD_SHED_LAG_MS)', () => {
  it('sheds past 300 ms of event-loop lag by default, and never when 0', () => {
    expect(loadConfig({}).loadShedLagMs).toBe(300)
    expect(loadConfig({ LOAD_SHED_LAG_MS: '0' }).loadShedLagMs).toBe(0)
    expect(loadConfig({ LOAD_SHED_LAG_MS: '150' }).loadShedLagMs).toBe(150)
  })

  it.each(['-1', '1.5', 'fast'])('refuses "%s" at startup, naming the setting', (value) => {
    expect(() => loadConfig({ LOAD_SHED_LAG_MS: value })).toThrow('LOAD_SHED_LAG_MS')
  })
})
