/**
 * How the desk shows one count: its label, its amount with the right
 * measure word (件 / 场 / 项 / 条 / 份), how late and when next due. The
 * link's text, in that order, is its accessible name ("待受理 3 件 逾期 1 件，
 * 最久 2 个工作日"), so every line is one labelled link.
 */
import type { DeskCount, DeskCountKey } from '#shared/desk/desk.types.ts'
import type { MessageKey } from '#app/i18n/keys.ts'

type Measure = 'matter' | 'day' | 'entry' | 'change' | 'draft' | 'village'

const MEASURE: Readonly<Record<DeskCountKey, Measure>> = {
  captureDraft: 'draft',
  unsent: 'change',
  refused: 'change',
  feedbackDue: 'matter',
  listFeedbackDue: 'matter',
  openCampaigns: 'entry',
  toAccept: 'matter',
  overdueAtVillage: 'matter',
  fixedDayToPlan: 'day',
  minutesToSignOff: 'entry',
  escalatedToUs: 'matter',
  toDispatch: 'matter',
  overdueByStage: 'matter',
  reopened: 'matter',
  dispatchedToUs: 'matter',
  interpretationDue: 'entry',
  postEvaluationsToConclude: 'entry',
  opinionsToAnswer: 'entry',
  dispatchQueue: 'matter',
  overdueInCounty: 'matter',
  openPostEvaluations: 'entry',
  invitedDays: 'day',
  livelihoodOverdue: 'entry',
  deputyVisitsOverdue: 'village',
  casesOpen: 'matter',
  reviewsWaiting: 'matter',
}

type Translate = (key: MessageKey, values?: Record<string, unknown>) => string

/** A count as the desk shows it. */
export interface DeskLine {
  count: DeskCount
  label: string
  amount: string
  /** The red line: how many are late and by how many working days (empty when none is). */
  overdue: string
  /** The nearest due date of those still in time (empty when none). */
  nextDue: string
}

/** The texts of `count`. */
export function deskLine(count: DeskCount, t: Translate): DeskLine {
  const label = t(`desk.count.${count.key}`, {
    stage: count.stage ? t(`desk.stage.${count.stage}`) : '',
  })
  const amount = t(`desk.amount.${MEASURE[count.key]}`, { count: count.count })
  const overdue =
    count.overdueCount > 0
      ? t('desk.overdue', { count: count.overdueCount, days: count.maxDaysLate })
      : ''
  const nextDue = count.nextDue ? t('desk.nextDue', { date: count.nextDue }) : ''
  return { count, label, amount, overdue, nextDue }
}
