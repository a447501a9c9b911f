/**
 * Residents' own door to issue reports (issue #17.3, .4), without accounts:
 * the public form's input (a topic in plain words instead of the seed's
 * classification) and what the public
 * lookup by tracking code may show of a report — its status, the dated steps,
 * the answer and the feedback question. Nothing else leaves the server: no
 * title or description (a grid worker's words may name other people), no
 * ledger notes (internal), no names, phones, places, photos or units below
 * the tier. `PERSONAL_FIELDS` (issue.resident.ts) lists what the tests check
 * every response against. The constants the public pages share, without
 * zod, are in issue.resident.ts.
 */
import { z } from 'zod'
import { chinaDate } from '../calendar/working-days.ts'
import { optionalText, text } from '../common/text.schema.ts'
import { isPublicStep, PUBLIC_STEP_ACTIONS, RESIDENT_TOPIC_NAMES } from './issue.resident.ts'
import {
  ISSUE_STATUSES,
  RESOLUTION_TIERS,
  SATISFACTIONS,
  type IssueData,
  type IssueStatus,
} from './issue.schema.ts'

/** The longest description a resident may send. */
export const RESIDENT_DESCRIPTION_MAX = 1000
/** The photo a resident may attach, base64 (≤ 1 MB of bytes, as any photo). */
export const RESIDENT_PHOTO_BASE64_MAX = Math.ceil((1024 * 1024 * 4) / 3) + 4

/**
 * POST /api/public/reports: what the public form sends. `website` is a
 * honeypot (hidden from people, filled by form robots); `formToken` is the
 * server-signed token the places gave the page, carrying when it was issued
 * (a person needs seconds; see MIN_FILL_MS). Both are cheap filters only:
 * the real bound is the route's per-address and per-village limits.
 */
export const residentReportInputSchema = z
  .object({
    topic: z.enum(RESIDENT_TOPIC_NAMES, { error: '请选择事情的类别' }),
    description: text({
      max: RESIDENT_DESCRIPTION_MAX,
      missing: '请说说是什么事',
      tooLong: `不超过${RESIDENT_DESCRIPTION_MAX}字`,
      multiline: true,
    }),
    /** The village's unit id; the grid's when the resident knows it. */
    villageId: z.string({ error: '请选择所在村社' }).regex(/^[a-z0-9-]{1,40}$/, '请选择所在村社'),
    gridId: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, '请选择网格')
      .nullable()
      .default(null),
    isAnonymous: z.boolean({ error: '请选择是否匿名' }),
    name: optionalText({ max: 30, tooLong: '姓名不超过30字' }).default(''),
    phone: z
      .string()
      .trim()
      .regex(/^(|1\d{10}|0\d{2,3}-?\d{7,8})$/, '请填写11位手机号或带区号的固定电话')
      .default(''),
    /** The resident read the consent text (what is kept, who sees it). */
    consent: z.literal(true, { error: '请阅读并同意说明后再提交' }),
    photo: z
      .object({
        type: z.enum(['image/jpeg', 'image/png', 'image/webp'], { error: '照片格式不正确' }),
        base64: z
          .string()
          .max(RESIDENT_PHOTO_BASE64_MAX, '照片不超过1MB')
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, '照片格式不正确'),
      })
      .nullable()
      .default(null),
    website: z.string().max(200).default(''),
    formToken: z.string().max(64).default(''),
  })
  .refine((input) => !input.isAnonymous || (input.name === '' && input.phone === ''), {
    path: ['isAnonymous'],
    message: '匿名说事不登记姓名和电话',
  })
/** The public form's input after validation. */
export type ResidentReportInput = z.infer<typeof residentReportInputSchema>

/** The answer to a report: its tracking code, as the resident writes it down. */
export const residentReceiptSchema = z.object({ trackingCode: z.string() })

/** GET /api/public/report-places: villages and their grids (names are public). */
export const reportPlacesSchema = z.object({
  /** The form's token: when the server issued it, signed (src/server/public/form-token.ts). */
  formToken: z.string(),
  villages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      townshipName: z.string(),
      grids: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
})
/** Villages and grids a resident may pick. */
export type ReportPlaces = z.infer<typeof reportPlacesSchema>

/** POST /api/public/reports/lookup: the code, in the body (kept out of access logs). */
export const reportLookupSchema = z.object({ code: z.string().max(40) })

/** POST /api/public/reports/feedback: the code and the resident's rating. */
export const residentFeedbackInputSchema = z
  .object({
    code: z.string().max(40),
    satisfaction: z.enum(SATISFACTIONS, { error: '请选择是否满意' }),
    comment: optionalText({
      max: 500,
      tooLong: '意见不超过500字',
      multiline: true,
    }).default(''),
  })
  .refine((value) => value.satisfaction !== 'dissatisfied' || value.comment.length > 0, {
    path: ['comment'],
    message: '不满意时请说说原因',
  })

const tierSchema = z.enum(['grid', 'village', 'township', 'county', 'department'])

/** What the lookup shows of one report. */
export const trackedReportSchema = z.object({
  status: z.enum(ISSUE_STATUSES),
  raisedOn: z.string(),
  steps: z.array(z.object({ action: z.enum(PUBLIC_STEP_ACTIONS), on: z.string() })),
  answer: z.object({ tier: z.enum(RESOLUTION_TIERS), text: z.string(), on: z.string() }).nullable(),
  /** The feedback question is open: the matter waits for the resident's rating. */
  isAwaitingFeedback: z.boolean(),
  /** The latest rating (without its comment), once one was given. */
  satisfaction: z.enum(SATISFACTIONS).nullable(),
  /** Who handles it now, as a tier (never a person or a unit's name). */
  handledAt: tierSchema,
})
/** What the public lookup shows of one report. */
export type TrackedReport = z.infer<typeof trackedReportSchema>

const HANDLED_AT: Readonly<Record<IssueStatus, z.infer<typeof tierSchema>>> = {
  registered: 'village',
  accepted: 'village',
  scheduled_for_meeting: 'village',
  escalated: 'township',
  dispatched: 'department',
  awaiting_feedback: 'grid',
  closed: 'grid',
  withdrawn: 'village',
  merged: 'village',
}

/**
 * The report as the public lookup shows it. Built field by field from an
 * allow-list, never by deleting from the stored record, so a field added
 * to issues later cannot leak.
 */
export function toTrackedReport(data: IssueData): TrackedReport {
  return {
    status: data.status,
    raisedOn: chinaDate(data.createdAt),
    steps: data.events.flatMap(({ action, at }) =>
      isPublicStep(action) ? [{ action, on: chinaDate(at) }] : [],
    ),
    answer: data.resolution
      ? {
          tier: data.resolution.tier,
          text: data.resolution.text,
          on: chinaDate(data.resolution.at),
        }
      : null,
    isAwaitingFeedback: data.status === 'awaiting_feedback',
    satisfaction: data.feedback?.satisfaction ?? null,
    handledAt: HANDLED_AT[data.status],
  }
}
