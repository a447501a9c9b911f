/**
 * The interpretation rule of the county's document (城府办发〔2023〕44号):
 * 起草部门应当自政策性文件印发之日起20个工作日内进行政策解读. Working days
 * skip statutory holidays and count make-up days, as issue deadlines do.
 */
import { addWorkingDays, type WorkingDayResult } from '../calendar/working-days.ts'
import type { PolicyData } from './policy.schema.ts'

/** Working days the drafting department has to interpret a policy. */
export const INTERPRETATION_WORKING_DAYS = 20

/** The last day for the first interpretation session of a policy issued on `issueDate`. */
export function interpretationDeadline(issueDate: string): WorkingDayResult {
  return addWorkingDays(issueDate, INTERPRETATION_WORKING_DAYS)
}

/** Done (a session on or before the deadline, or late), pending, or overdue. */
export type InterpretationStatus = 'on_time' | 'late' | 'pending' | 'overdue'

/**
 * Where a policy's interpretation stands on China date `today`: a policy
 * with no session after its deadline is overdue (flagged to the department
 * and the county); one interpreted after the deadline stays marked late.
 */
export function interpretationStatus(
  data: Pick<PolicyData, 'interpretationDeadline'> & {
    interpretations: readonly Pick<PolicyData['interpretations'][number], 'heldOn'>[]
  },
  today: string,
): InterpretationStatus {
  const first = data.interpretations.map((session) => session.heldOn).sort()[0]
  const deadline = data.interpretationDeadline.date
  if (first !== undefined) return first <= deadline ? 'on_time' : 'late'
  return today > deadline ? 'overdue' : 'pending'
}
