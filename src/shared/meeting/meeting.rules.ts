/**
 * The pure rules of discussion days: which issue reports may become topics,
 * the point-to-point rule, which mediators to suggest for the topics, each
 * mediator's participation, and the sign-off lock. The planner's screen and
 * the record kind (meeting.kind.ts) both use them.
 */
import { can } from '../auth/permissions.ts'
import type { Role } from '../auth/roles.ts'
import type { DiscussableVerdict, IssueStatus } from '../issue/issue.schema.ts'
import type { DomainTag } from '../common/tags.ts'
import { isWithin, pathIds } from '../org/org-path.ts'
import type { MediatorData, MediatorLevel } from './mediator.schema.ts'
import type { MeetingData, MeetingForm, TopicPlan } from './meeting.schema.ts'

/** The statuses from which an issue may be put to a discussion day (as schedule_meeting allows). */
export const SCHEDULABLE_STATUSES: readonly IssueStatus[] = ['accepted', 'scheduled_for_meeting']

/** What the rules need to know of an issue report. */
export interface TopicCandidate {
  orgPath: string
  status: IssueStatus
  isPrivate: boolean
  discussable: { verdict: DiscussableVerdict }
}

/** Why a report may not be a topic of a day. */
export type IneligibleReason =
  'out_of_scope' | 'not_open' | 'private' | 'not_discussable' | 'not_private'

/**
 * Null when `issue` may be a topic of a day of `form` held at `home`, else
 * why not:
 * - in scope: the report belongs to the home's subtree (its village, or grid);
 * - open: accepted (or already scheduled, e.g. deferred from an earlier day);
 * - a collective form takes only matters that are not private and that the
 *   discussable-items list does not exclude (seed 002);
 * - 点对点 takes private matters only.
 */
export function topicIneligibility(
  issue: TopicCandidate,
  home: string,
  form: MeetingForm,
): IneligibleReason | null {
  if (!isWithin(issue.orgPath, home)) return 'out_of_scope'
  if (!SCHEDULABLE_STATUSES.includes(issue.status)) return 'not_open'
  if (form === 'point_to_point') return issue.isPrivate ? null : 'not_private'
  if (issue.isPrivate) return 'private'
  if (issue.discussable.verdict === 'not_discussable') return 'not_discussable'
  return null
}

/** The reasons in Chinese, as refusals and the planner show them. */
export const INELIGIBLE_MESSAGES: Readonly<Record<IneligibleReason, string>> = {
  out_of_scope: '该说事不属于本村社（网格），不能列为议题',
  not_open: '只有已受理、尚未办结的说事可以列为议题',
  private: '涉及个人隐私的事项应点对点商谈，不能提交集体议事',
  not_discussable: '按议事清单该事项不可议，不能列为议题',
  not_private: '点对点商谈只用于涉及个人隐私的事项',
}

/** Why a set of topics may not go together, or null. */
export type TopicSetProblem = 'point_to_point_one' | 'duplicate'

/**
 * The point-to-point rule: a 点对点 session takes exactly one (private)
 * matter; any day takes each report once.
 */
export function topicSetProblem(
  form: MeetingForm,
  topics: readonly { issueId: string }[],
): TopicSetProblem | null {
  if (new Set(topics.map((topic) => topic.issueId)).size !== topics.length) return 'duplicate'
  if (form === 'point_to_point' && topics.length !== 1) return 'point_to_point_one'
  return null
}

/** The set problems in Chinese. */
export const TOPIC_SET_MESSAGES: Readonly<Record<TopicSetProblem, string>> = {
  point_to_point_one: '点对点商谈一次只能办理一件涉及个人隐私的事项',
  duplicate: '同一件说事不能重复列为议题',
}

/** The topic as stored in a plan (its facts from the report). */
export function topicOf(
  issueId: string,
  issue: TopicCandidate & { title: string; tags: DomainTag[] },
): TopicPlan {
  return {
    issueId,
    title: issue.title,
    tags: [...issue.tags],
    isPrivate: issue.isPrivate,
    verdict: issue.discussable.verdict,
    status: issue.status,
    orgPath: issue.orgPath,
  }
}

/** The village path of a home (the village itself, or the village of a grid). */
export function villagePathOf(home: string): string {
  return `/${pathIds(home).slice(0, 3).join('/')}/`
}

/**
 * Who runs the day and keeps its minutes — and so who may change its
 * topics' issue reports through it: anyone with meeting.record whose unit
 * covers the day's home; a mediator only when sent to the day or placed at
 * its village.
 */
export function canRecordMeeting(
  meeting: Pick<MeetingData, 'orgPath' | 'mediators'>,
  actor: { role: Role; orgPath: string; userId: string },
): boolean {
  if (!can(actor.role, 'meeting.record') || !isWithin(meeting.orgPath, actor.orgPath)) return false
  if (actor.role !== 'mediator') return true
  return (
    actor.orgPath === villagePathOf(meeting.orgPath) ||
    meeting.mediators.some((mediator) => mediator.userId === actor.userId)
  )
}

const LEVEL_ORDER: Readonly<Record<MediatorLevel, number>> = { village: 0, township: 1, county: 2 }

/** A pool member ranked for a day. */
export interface MediatorSuggestion {
  id: string
  data: MediatorData
  /** The topics' tags the member is expert in. */
  matches: DomainTag[]
}

/**
 * The pool members who may be sent to a day at `home`, ranked for its
 * topics: only active members of the day's village, its township or the
 * county ("from the village level upward"); those whose expertise covers
 * more of the topics' tags first; on a tie the nearer level first (village,
 * then township, then county: 村社吹哨 队伍报到 starts close to home), then the
 * more honoured, then by name. Members matching no tag come last.
 */
export function suggestMediators(
  pool: readonly { id: string; data: MediatorData }[],
  home: string,
  tags: readonly DomainTag[],
): MediatorSuggestion[] {
  const village = villagePathOf(home)
  const wanted = new Set(tags)
  return pool
    .filter((member) => member.data.isActive && isWithin(village, member.data.orgPath))
    .map((member) => ({
      ...member,
      matches: member.data.expertise.filter((tag) => wanted.has(tag)),
    }))
    .sort(
      (a, b) =>
        b.matches.length - a.matches.length ||
        LEVEL_ORDER[a.data.level] - LEVEL_ORDER[b.data.level] ||
        b.data.honours.length - a.data.honours.length ||
        a.data.name.localeCompare(b.data.name, 'zh-CN'),
    )
}

/** True when the day is signed off: its record is locked and only takes amendments. */
export function isLocked(meeting: Pick<MeetingData, 'status'>): boolean {
  return meeting.status === 'signed_off'
}

/**
 * How many discussion days each mediator took part in: days held or signed
 * off to which they were sent (planned and cancelled days do not count).
 */
export function participationCounts(
  meetings: readonly Pick<MeetingData, 'status' | 'mediators'>[],
): Map<string, number> {
  const counts = new Map<string, number>()
  for (const meeting of meetings) {
    if (meeting.status !== 'held' && meeting.status !== 'signed_off') continue
    for (const mediator of new Set(meeting.mediators.map((entry) => entry.mediatorId))) {
      counts.set(mediator, (counts.get(mediator) ?? 0) + 1)
    }
  }
  return counts
}

/**
 * The county's fixed discussion day in each month (the "固定说事日" of the
 * "5+1" 说事日, seed 002). An assumption until the county configures it: the
 * 5th. The plan form offers the next ones; a day off the schedule (e.g. a
 * point-to-point talk) is still allowed.
 */
export const DEFAULT_FIXED_DAY_OF_MONTH = 5

/** The next `count` fixed days on or after `today` ('YYYY-MM-DD'). */
export function upcomingFixedDays(
  today: string,
  count: number,
  dayOfMonth = DEFAULT_FIXED_DAY_OF_MONTH,
): string[] {
  const [year = 2000, month = 1, day = 1] = today.split('-').map(Number)
  const days: string[] = []
  let y = year
  let m = day > dayOfMonth ? month + 1 : month
  while (days.length < count) {
    if (m > 12) {
      m = 1
      y += 1
    }
    days.push(`${y}-${String(m).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`)
    m += 1
  }
  return days
}
