/**
 * The foot row of a ledger sheet: the columns a definition marks are summed
 * (attendance, sessions) or averaged (an assessment form's scores — the
 * campaign's results), over the rows written so far.
 */
import type { Ledger, LedgerCell } from '#shared/ledger/ledger.definition.ts'

export interface LedgerFoot {
  add(cells: readonly LedgerCell[]): void
  /** The foot row (label first, then one cell per column), or null when nothing is summarised. */
  row(): (string | number | null)[] | null
}

/** A foot for one sheet of `ledger`. */
export function ledgerFoot(ledger: Ledger): LedgerFoot {
  const { summaries } = ledger
  const sums = summaries.map(() => 0)
  const counts = summaries.map(() => 0)
  const isUsed = summaries.some((summary) => summary !== null)
  const kinds = new Set(summaries.filter((summary) => summary !== null))
  const label = kinds.size === 2 ? '合计/平均' : kinds.has('mean') ? '平均' : '合计'
  return {
    add(cells) {
      cells.forEach((cell, i) => {
        if (typeof cell !== 'number' || summaries[i] === null) return
        sums[i] = (sums[i] ?? 0) + cell
        counts[i] = (counts[i] ?? 0) + 1
      })
    },
    row() {
      if (!isUsed) return null
      return [
        label,
        ...summaries.map((summary, i) => {
          const sum = sums[i] ?? 0
          const count = counts[i] ?? 0
          if (summary === null) return null
          if (summary === 'sum') return Math.round(sum * 100) / 100
          return count === 0 ? null : Math.round((sum / count) * 100) / 100
        }),
      ]
    },
  }
}
