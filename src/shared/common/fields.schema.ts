/**
 * Field schemas every record kind shares: instants, org paths, content
 * hashes and entry numbers. (Dates are in date.schema.ts, text in text.schema.ts.)
 */
import { z } from 'zod'

/** An instant with its offset, as devices and the server stamp events. */
export const instantSchema = z.iso.datetime({ offset: true, error: '时间格式不正确' })

/** A materialized org path ("/county/township/village/grid/"). */
export const orgPathSchema = z
  .string({ error: '单位路径不正确' })
  .regex(/^(\/[a-z0-9-]{1,40})+\/$/, '单位路径不正确')

/** A photo or attachment: the SHA-256 of its bytes, lowercase hex (they travel as content-addressed blobs). */
export const photoHashSchema = z.string().regex(/^[0-9a-f]{64}$/, '照片编号不正确')

/**
 * The number of an entry within its record's list ("1", "2"…: a ledger
 * step, a milestone, an amendment), stable so a later change can name it.
 */
export const entryIdSchema = z.string().regex(/^[1-9]\d*$/)
