/**
 * Whether a consultation's department answered its opinions in time, as
 * supervision (督导考核) counts it: late when an opinion was answered after
 * the answer deadline, unanswered when one still waits past it.
 */
import { chinaDate } from '../calendar/working-days.ts'
import { isAnswerOverdue } from './consultation.rules.ts'
import type { ConsultationData } from './consultation.schema.ts'
import type { OpinionData } from './opinion.schema.ts'

/** How one consultation's answers stand against its deadline on `today`. */
export type AnswerTimeliness = 'on_time' | 'late' | 'unanswered'

/**
 * `unanswered` wins over `late` (the department still owes an answer); an
 * answer's day is its China date, so one given on the due day is on time.
 */
export function answerTimeliness(
  consultation: Pick<ConsultationData, 'answersDue' | 'status'>,
  opinions: readonly Pick<OpinionData, 'answer'>[],
  today: string,
): AnswerTimeliness {
  const due = consultation.answersDue?.date
  if (due === undefined) return 'on_time'
  if (opinions.some((opinion) => isAnswerOverdue(consultation, opinion, today))) return 'unanswered'
  const late = opinions.some(
    (opinion) => opinion.answer !== null && chinaDate(opinion.answer.answeredAt) > due,
  )
  return late ? 'late' : 'on_time'
}
