/**
 * What each role may do: the one table the server enforces and the device
 * uses to hide what a user cannot do. Where a user may do it is the separate
 * question of scope (their unit's subtree), answered by `org-path.ts`.
 */
import type { Role } from './roles.ts'

export const PERMISSIONS = [
  /** Read org units and users inside one's own subtree. */
  'org.read',
  /** Create org units and users, anywhere in the county. */
  'org.manage',
  /** Read the audit log of admin changes in one's subtree. */
  'audit.read',
  /** End every session of another user. */
  'session.revoke',
  /** Log a resident's issue (说事). */
  'issue.create',
  /** Read issues in one's scope. */
  'issue.read',
  /** Edit a township's discussable-items list (议事清单). */
  'discussable.manage',
  /** Record fixed discussion days (议事日). */
  'meeting.record',
  /** Plan discussion days and sign their records off (the village cadre). */
  'meeting.plan',
  /** Keep the mediator pool (解事员人才库) of one's unit and below. */
  'mediator.manage',
  /** Fill or transcribe villager assessment forms (群众评议表). */
  'assessment.record',
  /** Register policies, record their interpretation, open assessment campaigns. */
  'policy.manage',
  /** Print one-time ballot codes for a campaign's self-service forms. */
  'assessment.codes',
  /** Record the conclusion of a post-evaluation (后评估) of one's own policy. */
  'post_evaluation.conclude',
  /** Draft, open, answer and submit public consultations (征求意见) of one's department. */
  'consultation.manage',
  /** Transcribe opinions heard offline (恳谈会, visits, questionnaires, discussion days). */
  'opinion.record',
  /** Read the supervision figures (督导考核) of one's subtree. */
  'supervision.view',
  /** Set the county's indicators, weights and thresholds (考核指标, 评分标准). */
  'supervision.configure',
  /** Compile and publish the yearly participation catalogue (公众参与事项年度目录). */
  'consultation.catalogue',
  /** Propose a livelihood item (民生实事) from public-interest reports; rank candidates. */
  'livelihood.propose',
  /** Keep the township's yearly livelihood list: plan, submit, cancel before submission. */
  'livelihood.list',
  /** Decide on the townships' lists as the county office: accept, merge, return, cancel. */
  'livelihood.decide',
  /** Carry out an item one's unit is responsible for: progress, milestones, delays, completion. */
  'livelihood.implement',
  /** Link deputies (两代表一委员) to villages with a contact plan; see every plan's standing. */
  'deputy.plan',
  /** Record one's visits to linked villages and raise their opinions as issue reports. */
  'deputy.visit',
  /** Publish, withdraw and archive one's own unit's disclosures (村务公开). */
  'disclosure.publish',
  /** Add the county's own disclosure categories and their periods. */
  'disclosure.configure',
  /** Walk one's department's self-correction cases (行政执法自我纠错); the supervision body is a department too. */
  'enforcement.correct',
  /** Take in administrative-review applications and consultations at a contact point (行政复议便民联系点). */
  'review.intake',
  /** Record the review body's decision on a forwarded application. */
  'review.decide',
  /** Import reports from other platforms' exports (12345…) into the grids of one's scope. */
  'issue.import',
  /** Issue and revoke the open API's service-account tokens. */
  'api.manage',
  /** Change the county settings (县级设置: deadlines, fixed days, oversight bodies…). */
  'settings.manage',
  /** Record mediators' touring classes (巡讲课堂) and studio sessions (工作室) in one's unit and below. */
  'outreach.record',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const EVERY_USER: readonly Permission[] = ['org.read', 'issue.read']

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  grid_worker: [
    ...EVERY_USER,
    'issue.create',
    'meeting.record',
    'assessment.record',
    'opinion.record',
  ],
  village_cadre: [
    ...EVERY_USER,
    'issue.create',
    'meeting.record',
    'meeting.plan',
    'mediator.manage',
    'assessment.record',
    'assessment.codes',
    'opinion.record',
    'livelihood.propose',
    'disclosure.publish',
    'review.intake',
    'outreach.record',
  ],
  mediator: [...EVERY_USER, 'meeting.record', 'opinion.record', 'outreach.record'],
  township_staff: [
    ...EVERY_USER,
    'meeting.record',
    'mediator.manage',
    'discussable.manage',
    'supervision.view',
    'opinion.record',
    'livelihood.propose',
    'livelihood.list',
    'livelihood.implement',
    'disclosure.publish',
    'review.intake',
    'issue.import',
    'outreach.record',
  ],
  county_staff: [
    ...EVERY_USER,
    'mediator.manage',
    'discussable.manage',
    'policy.manage',
    'assessment.codes',
    'supervision.view',
    'supervision.configure',
    'consultation.manage',
    'opinion.record',
    'consultation.catalogue',
    'livelihood.decide',
    'deputy.plan',
    'disclosure.configure',
    'issue.import',
    'settings.manage',
    'outreach.record',
  ],
  department_staff: [
    ...EVERY_USER,
    'policy.manage',
    'assessment.codes',
    'post_evaluation.conclude',
    'supervision.view',
    'consultation.manage',
    'opinion.record',
    'livelihood.implement',
    'enforcement.correct',
    'review.decide',
  ],
  admin: [
    ...EVERY_USER,
    'org.manage',
    'audit.read',
    'session.revoke',
    'mediator.manage',
    'supervision.view',
    'api.manage',
    'settings.manage',
  ],
  // No 'issue.create': a deputy raises a report only from a visit's opinion (issue.kind.ts).
  deputy: [...EVERY_USER, 'deputy.visit'],
}

/** True when `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}
