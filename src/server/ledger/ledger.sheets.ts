/**
 * What a ledger file says about itself and how its rows fall into sheets:
 * the title row (unit, ledger, period), the subtitle (who exported it, when)
 * and, when asked, one sheet per township or village named after the unit.
 */
import { chinaDate } from '#shared/calendar/working-days.ts'
import { chineseDate, type Ledger } from '#shared/ledger/ledger.definition.ts'
import type { LedgerSplit } from '#shared/ledger/ledgers.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import { pathIds } from '#shared/org/org-path.ts'
import type { Period } from '#shared/supervision/period.ts'

/** The lines above a ledger's header. */
export interface LedgerHead {
  title: string
  subtitle: string
  exportedBy: string
}

/** The sheet a row goes to: a key that changes with the sheet, and its name. */
export type SheetOf = (orgPath: string) => { key: string; name: string }

/** '柳河镇说事处 说事台账（2026年11月1日至2026年11月30日）'. */
export function ledgerHead(
  ledger: Ledger,
  unit: OrgUnit,
  period: Period | null,
  exportedBy: string,
  now: Date,
): LedgerHead {
  const span = period
    ? `${chineseDate(period.from)}至${chineseDate(period.to)}`
    : `截至${chineseDate(chinaDate(now.toISOString()))}`
  return {
    title: `${unit.name} ${ledger.title}（${span}）`,
    subtitle: `导出人：${exportedBy}　导出日期：${chineseDate(chinaDate(now.toISOString()))}`,
    exportedBy,
  }
}

/** Depth of a township's path (county / township) and a village's. */
const DEPTH: Record<Exclude<LedgerSplit, 'none'>, number> = { township: 2, village: 3 }

/**
 * One sheet for everything, or one per township or village: a record whose
 * home lies above that tier (a department's consultation, a county item)
 * goes to a sheet of its own home.
 */
export function sheetsBy(
  split: LedgerSplit,
  ledger: Ledger,
  unitName: (path: string) => string,
): SheetOf {
  if (split === 'none') return () => ({ key: '', name: ledger.title })
  const depth = DEPTH[split]
  return (orgPath) => {
    const ids = pathIds(orgPath)
    const path = `/${ids.slice(0, depth).join('/')}/`
    return { key: path, name: unitName(path) }
  }
}
