import { describe, expect, it } from 'vitest'
import { emptyFilters } from './use-issue-inbox.ts'
import { issueListQuery } from './issue-list-query.ts'

describe('the issue list opened from a route query', () => {
  it('reads the inbox, status, overdue, stages and reopened filters the work desk links with', () => {
    expect(
      issueListQuery({
        inbox: 'all',
        overdue: '1',
        stage: ['accept', 'village'],
        reopened: '1',
        status: 'escalated',
      }),
    ).toEqual({
      inbox: 'all',
      filters: {
        ...emptyFilters(),
        status: 'escalated',
        isOverdueOnly: true,
        stages: ['accept', 'village'],
        isReopenedOnly: true,
      },
    })
  })

  it('ignores unknown values and opens the list unfiltered', () => {
    expect(
      issueListQuery({ inbox: 'secret', status: 'lost', stage: 'nowhere', overdue: 'yes' }),
    ).toEqual({
      inbox: undefined,
      filters: emptyFilters(),
    })
  })
})
