/**
 * The payload of each issue action, as the action forms fill it in and the
 * machine validates it (messages in Chinese, next to each field).
 */
import { z } from 'zod'
import { isoDateSchema } from '../common/date.schema.ts'
import { orgPathSchema, photoHashSchema } from '../common/fields.schema.ts'
import { voiceNoteSchema } from '../media/media.ts'
import { optionalText, text } from '../common/text.schema.ts'
import { pathIds } from '../org/org-path.ts'
import { ENFORCEMENT_COMPLAINT_TYPES } from '../oversight/enforcement.ts'
import { DISCUSSABLE_VERDICTS, SATISFACTIONS, type IssueAction } from './issue.schema.ts'

const reason = (missing: string) =>
  text({ max: 1000, missing, tooLong: '内容不超过1000字', multiline: true })
const optionalNote = optionalText({
  max: 500,
  missing: '备注格式不正确',
  tooLong: '备注不超过500字',
  multiline: true,
}).optional()
const meetingIdSchema = z
  .string({ error: '议事日编号不正确' })
  .min(1, '议事日编号不正确')
  .max(64, '议事日编号不正确')
const answer = (missing: string) =>
  text({ max: 2000, missing, tooLong: '内容不超过2000字', multiline: true })

/**
 * The fields each transition requires, with messages in Chinese. The UI
 * validates its action forms with these; the server validates them again.
 */
export const ISSUE_ACTION_PAYLOADS = {
  accept: z.object({ note: optionalNote }),
  set_discussable: z.object({
    verdict: z.enum(DISCUSSABLE_VERDICTS, { error: '请选择是否可议' }),
    reason: text({
      max: 200,
      missing: '请填写调整理由',
      tooLong: '调整理由不超过200字',
      multiline: true,
    }),
  }),
  set_private: z.object({
    isPrivate: z.boolean({ error: '请选择是否涉及个人隐私' }),
    reason: text({
      max: 200,
      missing: '请填写调整理由',
      tooLong: '调整理由不超过200字',
      multiline: true,
    }),
  }),
  agree: z.object({
    /** What the day agreed (the minuted decision): the village carries it out. */
    agreement: answer('请填写议定事项'),
    /** The discussion day that reached the agreement. */
    meetingId: meetingIdSchema,
  }),
  resolve_locally: z.object({
    resolution: answer('请填写化解情况'),
    /** The discussion day whose outcome this is (recorded by the meeting's minutes). */
    meetingId: meetingIdSchema.optional(),
  }),
  schedule_meeting: z.object({
    meetingId: z
      .string({ error: '请选择议事日' })
      .min(1, '请选择议事日')
      .max(64, '议事日编号不正确'),
    meetingDate: isoDateSchema,
    note: optionalNote,
    /** A 点对点 (one-to-one) session: the only kind of discussion a private matter may go to. */
    isPointToPoint: z.boolean({ error: '议事形式不正确' }).optional(),
  }),
  escalate: z.object({
    reason: reason('请填写上报理由'),
    /** The discussion day whose outcome this is (the minutes are the reason). */
    meetingId: meetingIdSchema.optional(),
  }),
  return_to_village: z.object({ reason: reason('请填写退回理由') }),
  resolve_by_township: z.object({ resolution: answer('请填写办理结果') }),
  dispatch: z.object({
    department: orgPathSchema.refine(
      (path) => pathIds(path).length === 2,
      '请选择要派发的县级部门',
    ),
    note: optionalText({
      max: 1000,
      missing: '交办意见格式不正确',
      tooLong: '交办意见不超过1000字',
      multiline: true,
    }).optional(),
    /**
     * The dispatcher's classification of a complaint, appeal or report about
     * an enforcement act of the department: it opens the department's
     * self-correction case (src/shared/oversight/).
     */
    enforcement: z.enum(ENFORCEMENT_COMPLAINT_TYPES, { error: '执法投诉类型不正确' }).optional(),
  }),
  return_to_township: z.object({ reason: reason('请填写退回理由') }),
  reply: z.object({ reply: answer('请填写答复内容') }),
  feedback: z
    .object({
      satisfaction: z.enum(SATISFACTIONS, { error: '请选择群众满意度' }),
      comment: optionalText({
        max: 500,
        missing: '群众意见格式不正确',
        tooLong: '群众意见不超过500字',
        multiline: true,
      }).default(''),
      voiceNote: voiceNoteSchema.optional(),
      signature: photoHashSchema.optional(),
    })
    .refine((value) => value.satisfaction !== 'dissatisfied' || value.comment.length > 0, {
      path: ['comment'],
      message: '群众不满意时请记录其意见',
    }),
  withdraw: z.object({ reason: reason('请填写撤回原因') }),
  merge: z.object({
    into: z
      .string({ error: '请选择重复的说事' })
      .min(1, '请选择重复的说事')
      .max(64, '说事编号不正确'),
    note: optionalNote,
  }),
} as const satisfies Record<IssueAction, z.ZodType>

/** The fields of `action`'s payload, as the UI fills them in. */
export type IssueActionPayload<A extends IssueAction> = z.input<(typeof ISSUE_ACTION_PAYLOADS)[A]>
