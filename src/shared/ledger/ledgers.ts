/**
 * Every ledger the server exports, in the order the app lists them. A new
 * ledger is one file next to this one (see ledger.definition.ts), added here.
 */
import { chinaDate } from '../calendar/working-days.ts'
import { campaignLedger, formLedger } from './assessment.ledger.ts'
import { consultationLedger } from './consultation.ledger.ts'
import { handoverLedger } from './handover.ledger.ts'
import { issueLedger } from './issue.ledger.ts'
import type { Ledger } from './ledger.definition.ts'
import { livelihoodLedger } from './livelihood.ledger.ts'
import { mediatorLedger } from './mediator.ledger.ts'
import { meetingLedger } from './meeting.ledger.ts'
import { reviewLedger, selfCorrectionLedger } from './oversight.ledger.ts'
import { policyLedgerFor } from './policy.ledger.ts'
import { postEvaluationLedger } from './post-evaluation.ledger.ts'

/** The ledgers, in the app's order (the policy ledger reads its standing on the day it is made). */
export const LEDGERS: readonly Ledger[] = [
  issueLedger,
  meetingLedger,
  mediatorLedger,
  policyLedgerFor(() => chinaDate(new Date().toISOString())),
  campaignLedger,
  formLedger,
  postEvaluationLedger,
  consultationLedger,
  livelihoodLedger,
  selfCorrectionLedger,
  reviewLedger,
  handoverLedger,
]

/** The ledger with address segment `id`, if there is one. */
export function findLedger(id: string): Ledger | undefined {
  return LEDGERS.find((ledger) => ledger.id === id)
}

/** How a ledger may be split into sheets: one, or one per township or per village. */
export const LEDGER_SPLITS = ['none', 'township', 'village'] as const
/** A way of splitting a ledger into sheets. */
export type LedgerSplit = (typeof LEDGER_SPLITS)[number]

/** The file formats a ledger comes in. */
export const LEDGER_FORMATS = ['xlsx', 'csv'] as const
/** A ledger's file format. */
export type LedgerFormat = (typeof LEDGER_FORMATS)[number]
