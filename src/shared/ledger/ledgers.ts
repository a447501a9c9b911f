/**
 * Every ledger the server exports, in the order the app lists them. A new
 * ledger is one file next to this one (see ledger.definition.ts), added here.
 */
import { issueLedger } from './issue.ledger.ts'
import type { Ledger } from './ledger.definition.ts'

/** The ledgers, in the app's order. */
export const LEDGERS: readonly Ledger[] = [issueLedger]

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
