/**
 * The counting rules of the work desk (首页, issue #14.1): pure functions of
 * the records on the device, the viewer's role and unit, and today's China
 * date. Each role sees only what waits for it, and each count names the
 * filtered list that shows the same records (the list pages read the same
 * query: `src/app/features/*` list pages).
 */
import { oversightDeskCounts } from '../oversight/oversight.desk.ts'
import { overdueFor } from '../livelihood/livelihood.deadlines.ts'
import { can } from '../auth/permissions.ts'
import { isOverdue, STATUS_STAGE, stopVillageClock } from '../issue/issue.deadlines.ts'
import { villagePathOf } from '../meeting/meeting.rules.ts'
import { interpretationStatus } from '../policy/interpretation.ts'
import { isWithin } from '../org/org-path.ts'
import { feedbackVisitsDue } from '../livelihood/propagation.ts'
import type { Desk, DeskDay, DeskInput, DeskViewer } from './desk.types.ts'
import {
  ABOVE_VILLAGE,
  issueCount,
  isReopened,
  ISSUES,
  opinionsCount,
  overdueByStage,
  plainCount,
  STAGE_ORDER,
  workingDaysLate,
} from './desk.counts.ts'

export { issueCount, workingDaysLate } from './desk.counts.ts'

function day(row: DeskInput['meetings'][number]): DeskDay {
  const { date, startTime, place } = row.data
  return { id: row.id, date, startTime: startTime ?? null, place }
}

const bySoonest = (a: DeskDay, b: DeskDay) =>
  a.date === b.date
    ? (a.startTime ?? '').localeCompare(b.startTime ?? '')
    : a.date < b.date
      ? -1
      : 1

/** The grid worker: what waits on the phone, visits due, the next day, forms to transcribe. */
function gridWorkerDesk(input: DeskInput, viewer: DeskViewer): Desk {
  const { orgPath, today } = viewer
  const mine = input.issues.filter((issue) => isWithin(issue.orgPath, orgPath))
  const village = villagePathOf(orgPath)
  const nextDay =
    input.meetings
      .filter(
        (row) =>
          row.data.status === 'planned' &&
          row.data.date >= today &&
          villagePathOf(row.data.orgPath) === village,
      )
      .map(day)
      .sort(bySoonest)[0] ?? null
  const openCampaigns = input.campaigns.filter(
    (campaign) =>
      campaign.status === 'open' &&
      campaign.opensOn <= today &&
      today <= campaign.closesOn &&
      (campaign.grids.includes(orgPath) || campaign.villages.includes(village)),
  ).length
  // Reports of this grid whose livelihood item was returned or cancelled: tell the resident why.
  const listVisits = feedbackVisitsDue(
    (input.livelihood?.reports ?? []).filter((report) => isWithin(report.orgPath, orgPath)),
    input.livelihood?.items ?? [],
  )
  const [onlyVisit] = listVisits
  return {
    counts: [
      plainCount(
        { key: 'captureDraft', needs: 'issue.create', to: { path: '/issues/new' } },
        input.hasCaptureDraft ? 1 : 0,
      ),
      plainCount({ key: 'unsent', needs: null, to: { path: '/sync' } }, input.unsentCount),
      plainCount({ key: 'refused', needs: null, to: { path: '/sync' } }, input.refusedCount),
      issueCount(
        { key: 'feedbackDue', needs: null, to: { path: ISSUES, query: { inbox: 'feedbackDue' } } },
        mine.filter((issue) => issue.status === 'awaiting_feedback'),
        today,
      ),
      plainCount(
        {
          key: 'listFeedbackDue',
          needs: null,
          to:
            listVisits.length === 1 && onlyVisit
              ? { path: `${ISSUES}/${onlyVisit.id}` }
              : { path: ISSUES, query: { inbox: 'all' } },
        },
        listVisits.length,
      ),
      plainCount(
        {
          key: 'openCampaigns',
          needs: 'assessment.record',
          to: { path: '/assessments', query: { tab: 'campaigns', open: '1' } },
        },
        openCampaigns,
      ),
    ],
    nextDay,
    invitedDays: [],
  }
}

/** The first day of `today`'s month and the last ('YYYY-MM-01', 'YYYY-MM-31'): a string range. */
function monthOf(today: string): [string, string] {
  const month = today.slice(0, 7)
  return [`${month}-01`, `${month}-31`]
}

/** The village cadre: accept, the village's late matters, this month's day, minutes, refusals. */
function villageCadreDesk(input: DeskInput, viewer: DeskViewer): Desk {
  const { orgPath, today } = viewer
  const ours = input.issues.filter((issue) => isWithin(issue.orgPath, orgPath))
  const [first, last] = monthOf(today)
  const hasDayThisMonth = input.meetings.some(
    (row) =>
      row.data.status !== 'cancelled' &&
      isWithin(row.data.orgPath, orgPath) &&
      row.data.date >= first &&
      row.data.date <= last,
  )
  const overdueAtVillage = ours.filter((issue) => {
    const stage = STATUS_STAGE[issue.status]
    return (stage === 'accept' || stage === 'village') && isOverdue(issue, today)
  })
  return {
    counts: [
      issueCount(
        { key: 'toAccept', needs: null, to: { path: ISSUES, query: { inbox: 'toAccept' } } },
        ours.filter((issue) => issue.status === 'registered'),
        today,
      ),
      issueCount(
        {
          key: 'overdueAtVillage',
          needs: null,
          to: { path: ISSUES, query: { inbox: 'all', overdue: '1', stage: ['accept', 'village'] } },
        },
        overdueAtVillage,
        today,
      ),
      plainCount(
        { key: 'fixedDayToPlan', needs: 'meeting.plan', to: { path: '/meetings/new' } },
        hasDayThisMonth ? 0 : 1,
      ),
      plainCount(
        {
          key: 'minutesToSignOff',
          needs: 'meeting.plan',
          to: { path: '/meetings', query: { status: 'held' } },
        },
        input.meetings.filter(
          (row) => row.data.status === 'held' && isWithin(row.data.orgPath, orgPath),
        ).length,
      ),
      plainCount({ key: 'refused', needs: null, to: { path: '/sync' } }, input.refusedCount),
    ],
    nextDay: null,
    invitedDays: [],
  }
}

/** The mediator: the days they are invited to, from today on. */
function mediatorDesk(input: DeskInput, viewer: DeskViewer): Desk {
  const invitedDays = input.meetings
    .filter(
      (row) =>
        row.data.status === 'planned' &&
        row.data.date >= viewer.today &&
        row.data.mediators.some((mediator) => mediator.userId === viewer.userId),
    )
    .map(day)
    .sort(bySoonest)
  return {
    counts: [
      plainCount(
        {
          key: 'invitedDays',
          needs: null,
          to: { path: '/meetings', query: { status: 'planned', invited: '1' } },
        },
        invitedDays.length,
      ),
    ],
    nextDay: null,
    invitedDays,
  }
}

/** The township: what villages escalated, what to dispatch, late matters per stage, reopened. */
function townshipDesk(input: DeskInput, viewer: DeskViewer): Desk {
  const { orgPath, today } = viewer
  const ours = input.issues.filter((issue) => isWithin(issue.orgPath, orgPath))
  // Still open above the village: with the township, a department, or the
  // feedback visit (a matter returned to the village no longer names us).
  const escalatedToUs = ours.filter((issue) => {
    const stage = STATUS_STAGE[issue.status]
    return issue.escalatedToTownship === orgPath && stage !== null && ABOVE_VILLAGE.includes(stage)
  })
  return {
    counts: [
      issueCount(
        {
          key: 'escalatedToUs',
          needs: null,
          to: { path: ISSUES, query: { inbox: 'escalated', stage: [...ABOVE_VILLAGE] } },
        },
        escalatedToUs,
        today,
      ),
      issueCount(
        { key: 'toDispatch', needs: null, to: { path: ISSUES, query: { inbox: 'toDispatch' } } },
        escalatedToUs.filter((issue) => issue.status === 'escalated'),
        today,
      ),
      ...overdueByStage(ours, today, STAGE_ORDER),
      issueCount(
        {
          key: 'reopened',
          needs: null,
          to: { path: ISSUES, query: { inbox: 'all', reopened: '1' } },
        },
        ours.filter(isReopened),
        today,
      ),
    ],
    nextDay: null,
    invitedDays: [],
  }
}

/** The county department: matters dispatched to it, interpretations due, post-evaluations. */
function departmentDesk(input: DeskInput, viewer: DeskViewer): Desk {
  const { orgPath, today } = viewer
  const ownPolicies = input.policies.filter((policy) => policy.issuingDepartment === orgPath)
  let interpretationDue = 0
  let overdueCount = 0
  let maxDaysLate = 0
  let nextDue: string | null = null
  for (const policy of ownPolicies) {
    const status = interpretationStatus(policy, today)
    const due = policy.interpretationDeadline.date
    if (status === 'overdue') {
      interpretationDue += 1
      overdueCount += 1
      maxDaysLate = Math.max(maxDaysLate, workingDaysLate(due, today))
    } else if (status === 'pending') {
      interpretationDue += 1
      if (nextDue === null || due < nextDue) nextDue = due
    }
  }
  return {
    counts: [
      issueCount(
        {
          key: 'dispatchedToUs',
          needs: null,
          to: { path: ISSUES, query: { inbox: 'assigned', status: 'dispatched' } },
        },
        input.issues.filter(
          (issue) => issue.status === 'dispatched' && issue.assignedDepartment === orgPath,
        ),
        today,
      ),
      {
        key: 'interpretationDue',
        needs: 'policy.manage',
        to: { path: '/assessments', query: { tab: 'policies', due: '1' } },
        count: interpretationDue,
        overdueCount,
        maxDaysLate,
        nextDue,
      },
      // Only where the device counted them (issue #15): a desk without consultations has no line.
      ...(input.opinionsToAnswer
        ? [
            opinionsCount(
              input.opinionsToAnswer.filter((opinion) => opinion.department === orgPath),
              today,
            ),
          ]
        : []),
      plainCount(
        {
          key: 'postEvaluationsToConclude',
          needs: 'post_evaluation.conclude',
          to: { path: '/assessments', query: { tab: 'cases', open: '1' } },
        },
        input.postEvaluations.filter(
          (evaluation) => evaluation.status === 'open' && evaluation.issuingDepartment === orgPath,
        ).length,
      ),
    ],
    nextDay: null,
    invitedDays: [],
  }
}

/** The county hub: the dispatch queue, late matters across the county, open post-evaluations. */
function countyDesk(input: DeskInput, viewer: DeskViewer): Desk {
  const { orgPath, today } = viewer
  const ours = input.issues.filter((issue) => isWithin(issue.orgPath, orgPath))
  return {
    counts: [
      issueCount(
        {
          key: 'dispatchQueue',
          needs: null,
          to: { path: ISSUES, query: { inbox: 'all', status: 'escalated' } },
        },
        ours.filter((issue) => issue.status === 'escalated'),
        today,
      ),
      issueCount(
        {
          key: 'overdueInCounty',
          needs: null,
          to: { path: ISSUES, query: { inbox: 'all', overdue: '1' } },
        },
        ours.filter((issue) => isOverdue(issue, today)),
        today,
      ),
      plainCount(
        {
          key: 'openPostEvaluations',
          needs: null,
          to: { path: '/assessments', query: { tab: 'cases', open: '1' } },
        },
        input.postEvaluations.filter((evaluation) => evaluation.status === 'open').length,
      ),
    ],
    nextDay: null,
    invitedDays: [],
  }
}

const NOTHING: Desk = { counts: [], nextDay: null, invitedDays: [] }

/**
 * The desk of `viewer` over `input`. Counts whose action the role may not
 * take are dropped here, in one place (src/shared/auth/permissions.ts), so
 * no screen offers them.
 */
export function computeDesk(whole: DeskInput, viewer: DeskViewer): Desk {
  // Reports the livelihood list holds run no village clock (issue #16.5), on every line.
  const held = whole.isHeldByList
  const input = held
    ? {
        ...whole,
        issues: whole.issues.map((issue) => (held(issue) ? stopVillageClock(issue) : issue)),
      }
    : whole
  const desk = (() => {
    switch (viewer.role) {
      case 'grid_worker':
        return gridWorkerDesk(input, viewer)
      case 'village_cadre':
        return villageCadreDesk(input, viewer)
      case 'mediator':
        return mediatorDesk(input, viewer)
      case 'township_staff':
        return townshipDesk(input, viewer)
      case 'department_staff':
        return departmentDesk(input, viewer)
      case 'county_staff':
        return countyDesk(input, viewer)
      case 'admin':
      case 'deputy':
        return NOTHING
    }
  })()
  // Late livelihood items this unit must act on (docs/livelihood-list.md), for every role.
  const livelihood = overdueFor(input.livelihoodItems ?? [], viewer, viewer.today)
  const livelihoodLine = plainCount(
    { key: 'livelihoodOverdue', needs: null, to: { path: '/livelihood' } },
    livelihood.length,
  )
  // Deputies' visits, self-correction cases, review matters (issue #18, oversight.desk.ts).
  const oversight = input.oversight
    ? oversightDeskCounts(input.oversight, viewer.role, viewer.today)
    : []
  const counts = [...desk.counts, ...(livelihood.length > 0 ? [livelihoodLine] : []), ...oversight]
  return {
    ...desk,
    counts: counts.filter((count) => count.needs === null || can(viewer.role, count.needs)),
  }
}
