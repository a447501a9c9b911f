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
