import { ref } from 'vue'
import { describe, expect, it } from 'vitest'
import type { IssueListData } from '#app/db/list-rows.ts'
import type { Viewer } from '#shared/sync/record-kind.ts'
import type { IssueRow } from './issue.store.ts'
import { emptyFilters, useIssueInbox } from './use-issue-inbox.ts'

const VILLAGE = '/c/t/v/'
const LONG_AGO = '2020-01-06'

/** A report accepted by the village, its village stage due long ago. */
function lateRow(id: string): IssueRow {
  const data: IssueListData = {
    title: '村道坑洼',
    description: '',
    status: 'accepted',
    category: 'public_interest',
    tags: [],
    orgPath: `${VILLAGE}g/`,
    createdAt: '2020-01-06T02:00:00.000Z',
    reporterId: 'grid-a',
    escalatedToTownship: null,
    assignedDepartment: null,
    deadlines: {
      village: { startedOn: LONG_AGO, due: LONG_AGO, workingDays: 5, isEstimate: false },
    },
    reopenCount: 0,
    isPrivate: false,
  }
  return { key: `issue:${id}`, id, data, hasPending: false }
}

describe('the inbox’s overdue filter', () => {
  it('leaves out a report the livelihood list holds at village stage', () => {
    const viewer = ref<Viewer>({
      userId: 'cadre',
      role: 'village_cadre',
      orgUnitId: 'v',
      orgPath: VILLAGE,
    })
    const filters = { ...emptyFilters(), isOverdueOnly: true }
    const { visible } = useIssueInbox(
      ref([lateRow('held'), lateRow('free')]),
      viewer,
      { inbox: 'all', filters },
      ref(new Set(['held'])),
    )
    expect(visible.value.map((row) => row.id)).toEqual(['free'])
  })
})
