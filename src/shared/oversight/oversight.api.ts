/**
 * GET /api/oversight/settings: what a signed-in device needs to know of the
 * county's oversight settings to offer the right screens (the server decides
 * again on every change).
 */
import { z } from 'zod'
import { orgPathSchema } from '../common/fields.schema.ts'
import { SELF_CORRECTION_STEPS } from './self-correction.schema.ts'

/** The county's oversight settings as one user's device sees them. */
export const oversightSettingsSchema = z.object({
  /** The enforcement-supervision body's path, or null when the county named none. */
  supervisionBodyPath: orgPathSchema.nullable(),
  /** The review body's path, or null. */
  reviewBodyPath: orgPathSchema.nullable(),
  /** True when the user's own unit is a review contact point. */
  isContactPoint: z.boolean(),
  /** Working days per self-correction step. */
  stepDays: z.record(z.enum(SELF_CORRECTION_STEPS), z.number().int().min(1)),
})
/** The county's oversight settings as one user's device sees them. */
export type OversightSettings = z.infer<typeof oversightSettingsSchema>
