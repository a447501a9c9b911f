/**
 * What every kind's op specs share (kind-op-specs.ts and its .records.ts
 * part): today's date, the spec types and the standing records' ids.
 */
import { uuidv7 } from 'uuidv7'
import { chinaDate } from '#shared/calendar/working-days.ts'
import type { Person } from './demo-county.ts'

/** China's date now: the date fields' valid value. */
export const TODAY = chinaDate(new Date().toISOString())

/** Sixty days on: a consultation period long enough to open, a plan's completion. */
export const LATER = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10)

/** This year: the livelihood list's. */
export const YEAR = Number(TODAY.slice(0, 4))

/** One operation of a kind: its payload schema and a valid payload to start from. */
export interface OpSpec {
  op: string
  schema: unknown
  base: () => Record<string, unknown>
  /** Creates target a fresh id; the others the kind's standing record. */
  isCreate?: boolean
}

export interface KindSpec {
  kind: string
  /** Who pushes this kind's batches (one who may create it). */
  author: Person
  ops: OpSpec[]
}

/** Ids of the standing records each kind's mutations aim at (made in beforeAll). */
export const standing = {
  issue: uuidv7(),
  meeting: uuidv7(),
  mediator: uuidv7(),
  policy: uuidv7(),
  campaign: uuidv7(),
  form: uuidv7(),
  consultation: uuidv7(),
  opinion: uuidv7(),
  catalogue: uuidv7(),
  livelihood: uuidv7(),
  livelihood2: uuidv7(),
  ranking: uuidv7(),
  /** The public-interest reports the two standing items stand on. */
  livelihoodSource: uuidv7(),
  livelihoodSource2: uuidv7(),
}
