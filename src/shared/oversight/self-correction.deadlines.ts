/**
 * Working-day deadlines of a self-correction case. Each step's clock starts
 * on the day the previous step was done (the first on the day the case
 * opened), so a slow step does not eat the next one's time and a late step
 * shows where the case stalled. The county sets its own table
 * (SELF_CORRECTION_STEP_DAYS); every function takes it as a parameter.
 */
import { addWorkingDays } from '../calendar/working-days.ts'
import type { StageDeadline } from '../issue/issue.schema.ts'
import {
  SELF_CORRECTION_STEPS,
  type SelfCorrectionData,
  type SelfCorrectionStep,
} from './self-correction.schema.ts'

/** Working days allowed for each step. */
export type SelfCorrectionStepDays = Readonly<Record<SelfCorrectionStep, number>>

/**
 * Default working days per step: the file is read at once (2), evidence is
 * gathered (10), the parties are heard (5), the cause is traced (5) and the
 * people are told the result (3) — 25 working days in all, within the
 * 30-day practice of county complaint handling.
 */
export const DEFAULT_SELF_CORRECTION_STEP_DAYS: SelfCorrectionStepDays = {
  file_review: 2,
  investigation: 10,
  hearing: 5,
  cause_analysis: 5,
  feedback: 3,
}

/** The step after those recorded, or null when all five are done. */
export function nextStep(data: Pick<SelfCorrectionData, 'steps'>): SelfCorrectionStep | null {
  return SELF_CORRECTION_STEPS[data.steps.length] ?? null
}

/** The deadline of `step` when its clock starts on `startedOn`. */
export function stepDeadline(
  step: SelfCorrectionStep,
  startedOn: string,
  table: SelfCorrectionStepDays,
): StageDeadline {
  const workingDays = table[step]
  const { date, isEstimate } = addWorkingDays(startedOn, workingDays)
  return { startedOn, due: date, workingDays, isEstimate }
}

/** True when the case is open and its next step's due date is before `today` ('YYYY-MM-DD'). */
export function isCaseOverdue(
  data: Pick<SelfCorrectionData, 'status' | 'due'>,
  today: string,
): boolean {
  return data.status === 'open' && data.due !== null && today > data.due.due
}
