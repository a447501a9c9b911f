/**
 * What a grid worker (or village cadre) captures from a resident: the capture
 * form's schema (messages in Chinese, next to each field), the fields an edit
 * may change, and the payload that creates an issue report. What the server
 * keeps about the matter afterwards is in issue.schema.ts.
 */
import { z } from 'zod'
import { optionalText, text } from '../common/text.schema.ts'
import { orgPathSchema, photoHashSchema } from '../common/fields.schema.ts'
import { DOMAIN_TAGS } from '../common/tags.ts'
import { voiceNoteSchema } from '../media/media.ts'
import { deputyOriginSchema } from '../deputy/deputy.schema.ts'
import {
  DISCUSSABLE_VERDICTS,
  ISSUE_CATEGORIES,
  ISSUE_CHANNELS,
  ISSUE_URGENCIES,
  MAX_PHOTOS,
  checkCaptureRules,
  gpsSchema,
  externalTicketSchema,
  trackingHashSchema,
} from './issue.schema.ts'

const discussableCaptureSchema = z.object(
  { verdict: z.enum(DISCUSSABLE_VERDICTS, { error: '请选择是否可议' }) },
  { error: '请选择是否可议' },
)

/** A mainland mobile number or a landline with its area code. */
const residentPhoneSchema = z
  .string({ error: '请填写联系电话' })
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请填写11位手机号或带区号的固定电话')

const residentCaptureSchema = z.object(
  {
    name: text({ max: 30, missing: '请填写群众姓名', tooLong: '姓名不超过30字' }).optional(),
    phone: residentPhoneSchema.optional(),
  },
  { error: '请填写群众姓名或电话，或选择匿名' },
)

/** The captured fields, before the cross-field rules (kept apart so that `.partial()` works on it). */
const captureShape = {
  /** 匿名: the report stores neither name nor phone. */
  isAnonymous: z.boolean({ error: '请选择是否匿名' }),
  /** The resident who raised the matter; null when anonymous or when nobody in particular did. */
  resident: residentCaptureSchema.nullable(),
  channel: z.enum(ISSUE_CHANNELS, { error: '请选择来源渠道' }),
  category: z.enum(ISSUE_CATEGORIES, { error: '请选择事项分类' }),
  tags: z
    .array(z.enum(DOMAIN_TAGS, { error: '领域标签不正确' }), { error: '请选择领域' })
    .min(1, '请至少选择一个领域')
    .max(DOMAIN_TAGS.length, '领域标签重复')
    .refine((tags) => new Set(tags).size === tags.length, '领域标签重复'),
  title: text({ max: 60, missing: '请填写标题', tooLong: '标题不超过60字' }),
  description: text({
    max: 2000,
    missing: '请填写具体情况',
    tooLong: '具体情况不超过2000字',
    multiline: true,
  }),
  place: optionalText({
    max: 100,
    missing: '地点格式不正确',
    tooLong: '地点不超过100字',
  }).optional(),
  /** The resident agreed that the location be recorded. */
  gpsConsent: z.boolean({ error: '请选择是否同意记录定位' }),
  gps: gpsSchema.nullable(),
  photos: z
    .array(photoHashSchema, { error: '照片格式不正确' })
    .max(MAX_PHOTOS, `最多上传${MAX_PHOTOS}张照片`),
  /** The resident's own words, recorded (the description stays the worker's summary). */
  voiceNote: voiceNoteSchema.optional(),
  urgency: z.enum(ISSUE_URGENCIES, { error: '请选择紧急程度' }),
  /** Private matters are handled 点对点 (one to one) and never put to a collective discussion. */
  isPrivate: z.boolean({ error: '请选择是否涉及个人隐私' }),
  /** The discussable-items list's suggestion (the village may override it later, with a reason). */
  discussable: discussableCaptureSchema,
}

/** What a grid worker (or village cadre) fills in on the capture form. */
export const issueCaptureSchema = z.object(captureShape).superRefine(checkCaptureRules)
/** The capture form's values after validation. */
export type IssueCapture = z.infer<typeof issueCaptureSchema>

/** The capture fields an edit may change; each is optional (field-level merge, see issue.kind.ts). */
export const issueCaptureUpdateSchema = z.object(captureShape).partial()
/** An edit of captured fields. */
export type IssueCaptureUpdate = z.infer<typeof issueCaptureUpdateSchema>

/** The names of the captured fields, in form order. */
export const CAPTURE_FIELDS = [
  'isAnonymous',
  'resident',
  'channel',
  'category',
  'tags',
  'title',
  'description',
  'place',
  'gpsConsent',
  'gps',
  'photos',
  'voiceNote',
  'urgency',
  'isPrivate',
  'discussable',
] as const satisfies readonly (keyof IssueCapture)[]
/** The name of a captured field. */
export type CaptureField = (typeof CAPTURE_FIELDS)[number]

/** The payload of the 'create' mutation: the capture plus the grid it is registered in. */
export const issueCreateSchema = z
  .object({
    ...captureShape,
    /** The grid unit's id. */
    gridId: z.string({ error: '请选择网格' }).regex(/^[a-z0-9-]{1,40}$/, '请选择网格'),
    /** The grid unit's path: the issue's home. */
    orgPath: orgPathSchema,
    /** A deputy raising a visit's opinion names it (only a deputy may). */
    deputy: deputyOriginSchema.optional(),
    /** The receipt's tracking code, hashed on the device (the code stays there). */
    trackingHash: trackingHashSchema.optional(),
    /** An imported report's source and ticket (only the import actor may set it). */
    external: externalTicketSchema.optional(),
  })
  .superRefine(checkCaptureRules)
/** The payload of the 'create' mutation. */
export type IssueCreateInput = z.infer<typeof issueCreateSchema>

/**
 * The capture fields of a report registered without the capture form (an
 * imported ticket, an online report, a deputy's raised opinion, seeded
 * history), as nobody chose them: no location, no photos, normal urgency,
 * not private, discussability not yet judged. A fresh object each call.
 */
export function uncapturedFields(): Pick<
  IssueCapture,
  'gpsConsent' | 'gps' | 'photos' | 'urgency' | 'isPrivate' | 'discussable'
> {
  return {
    gpsConsent: false,
    gps: null,
    photos: [],
    urgency: 'normal',
    isPrivate: false,
    discussable: { verdict: 'unknown' },
  }
}
