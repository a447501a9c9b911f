/**
 * The words of residents' own reports that every side shares — the public
 * pages (which load no zod), the app's receipt, the issue kind and the
 * server: the residents' system actor, the topics in plain words, the
 * ledger steps the public lookup shows, the fields it never shows, and the
 * public pages' addresses. The schemas are in issue.public.ts.
 */
import type { DomainTag } from '../common/tags.ts'
import type { Actor } from '../sync/record-kind.ts'
import type { IssueCategory, IssueEventAction } from './issue.schema.ts'

/** The resident's rating at the feedback visit: 满意 / 基本满意 / 不满意. */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const
/** A resident's rating of the answer. */
export type Satisfaction = (typeof SATISFACTIONS)[number]

/**
 * The server's own actor for residents: it files public reports (channel
 * 线上) and records the feedback a resident gives through the lookup. Its id
 * cannot be a user's (user ids have no colon) and a device cannot claim it:
 * the actor comes from the session.
 */
export const RESIDENT_ACTOR_ID = 'system:resident'
/** The name the ledger shows for it. */
export const RESIDENT_ACTOR_NAME = '群众（线上）'

/** True when `actor` is the residents' system actor. */
export function isResidentActor(actor: Pick<Actor, 'userId'>): boolean {
  return actor.userId === RESIDENT_ACTOR_ID
}

/**
 * What a resident picks instead of the seed's classification, in plain
 * words (the UI's labels): each maps to a classification and a domain tag,
 * which the village may correct when it accepts the matter.
 */
export const RESIDENT_TOPICS = {
  facilities: { category: 'public_interest', tag: 'infrastructure' },
  environment: { category: 'public_interest', tag: 'environment' },
  neighbours: { category: 'personal', tag: 'neighbour_dispute' },
  land: { category: 'personal', tag: 'land' },
  welfare: { category: 'administrative', tag: 'social_security' },
  housing: { category: 'administrative', tag: 'housing' },
  work: { category: 'administrative', tag: 'employment' },
  other: { category: 'public_interest', tag: 'other' },
} as const satisfies Record<string, { category: IssueCategory; tag: DomainTag }>
/** The topics, in the form's order. */
export const RESIDENT_TOPIC_NAMES = [
  'facilities',
  'environment',
  'neighbours',
  'land',
  'welfare',
  'housing',
  'work',
  'other',
] as const satisfies readonly (keyof typeof RESIDENT_TOPICS)[]
/** A topic in plain words. */
export type ResidentTopic = (typeof RESIDENT_TOPIC_NAMES)[number]

/** A form sent faster than this after opening is a robot's (treated as the honeypot). */
export const MIN_FILL_MS = 3000

/** The ledger steps a resident is shown; edits and internal markings are left out. */
export const PUBLIC_STEP_ACTIONS = [
  'register',
  'accept',
  'schedule_meeting',
  'agree',
  'resolve_locally',
  'escalate',
  'return_to_village',
  'resolve_by_township',
  'dispatch',
  'return_to_township',
  'reply',
  'feedback',
  'withdraw',
  'merge',
] as const satisfies readonly IssueEventAction[]

/** A public step's action. */
export type PublicStepAction = (typeof PUBLIC_STEP_ACTIONS)[number]

/** True for a ledger step the public lookup shows. */
export function isPublicStep(action: IssueEventAction): action is PublicStepAction {
  return PUBLIC_STEP_ACTIONS.some((step) => step === action)
}

/** Personal or internal fields of an issue report: none may appear in a public answer. */
export const PERSONAL_FIELDS = [
  'resident',
  'name',
  'phone',
  'gps',
  'place',
  'photos',
  'voiceNote',
  'signature',
  'title',
  'description',
  'note',
  'comment',
  'reporterId',
  'reporterName',
  'actorId',
  'actorName',
  'orgPath',
  'unitPath',
  'gridId',
  'trackingHash',
  'events',
] as const

/** The public pages' prefix for residents' reports (served by public.html). */
export const RESIDENT_REPORT_PREFIX = '/r/'

/**
 * The lookup page's address with a code, as a receipt's QR code opens it:
 * the code rides in the fragment, which browsers never send, so it stays
 * out of every server's and proxy's access log.
 */
export function residentLookupUrl(origin: string, code: string): string {
  return `${origin}${RESIDENT_REPORT_PREFIX}track#${code}`
}

/** The public form for residents of a unit (a grid's link offers its village). */
export function residentFormUrl(origin: string, unitId: string): string {
  return `${origin}${RESIDENT_REPORT_PREFIX}new/${unitId}`
}
