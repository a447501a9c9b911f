/**
 * One generic ledger (台账) definition: which record kind a ledger lists,
 * its Chinese title, its columns (header, optional merged group header,
 * width in Chinese characters) and how each cell is read from a record as
 * the requester may see it. The server turns a definition into an Excel
 * workbook or a CSV file (src/server/ledger); each ledger is one small file
 * next to this one. Cells are read from the record's data after the kind's
 * `view`, so a ledger can never show more than a sync pull would.
 */
import type { z } from 'zod'
import type { Permission } from '../auth/permissions.ts'
import { chinaDate } from '../calendar/working-days.ts'

/** A China calendar date 'YYYY-MM-DD', written as a date (Excel) or '2026年11月27日' (CSV). */
export interface LedgerDate {
  date: string
}

/** One cell: text, a number, a date, or empty. */
export type LedgerCell = string | number | LedgerDate | null

/** What a cell may look up besides the record. */
export interface LedgerContext {
  /** The name of the org unit at `path`, or the path's last id when unknown. */
  unitName(path: string): string
  /** The ledger's tally (see `LedgerTally`): figures per row id, gathered before the rows. */
  counts?: LedgerCounts
}

/** Figures per row id (a mediator's id → { days: 3, … }). */
export type LedgerCounts = ReadonlyMap<string, Readonly<Record<string, number>>>

/**
 * Figures a ledger's rows count from records of other kinds (a mediator's
 * discussion days, a consultation's opinions). The server reads those
 * records as the requester may see them — same scope, same view — and adds
 * each one before the ledger's rows are written.
 */
export interface LedgerTally {
  /** The kinds whose records are counted. */
  kinds: readonly string[]
  /** Adds one record of `kind` (its data as the requester sees it) to `counts`. */
  add(
    counts: Map<string, Record<string, number>>,
    kind: string,
    data: Record<string, unknown>,
  ): void
}

/** Adds `by` to the figure `name` of row `id`. */
export function bump(
  counts: Map<string, Record<string, number>>,
  id: string,
  name: string,
  by = 1,
): void {
  const figures = counts.get(id) ?? {}
  figures[name] = (figures[name] ?? 0) + by
  counts.set(id, figures)
}

/** The figure `name` of row `id`: 0 when nothing was counted. */
export function countOf(context: LedgerContext, id: string, name: string): number {
  return context.counts?.get(id)?.[name] ?? 0
}

/** One column of a ledger. */
export interface LedgerColumn<T> {
  header: string
  /** A header shared with the neighbouring columns of the same group (merged above them). */
  group?: string
  /** Width in Chinese characters. */
  width: number
  /** A numeric column summed or averaged in a last row ('合计/平均') of each sheet. */
  summary?: LedgerSummary
  value(row: T, context: LedgerContext): LedgerCell
}

/** Neighbouring columns under one merged group header (see `grouped`). */
export interface LedgerColumnGroup<T> {
  group: string
  columns: readonly Omit<LedgerColumn<T>, 'group'>[]
}

/**
 * Neighbouring columns under one merged group header: the group is named
 * once, and `defineLedger` gives it to each of them.
 */
export function grouped<T>(
  group: string,
  columns: readonly Omit<LedgerColumn<T>, 'group'>[],
): LedgerColumnGroup<T> {
  return { group, columns }
}

/** How a numeric column is summarised at the foot of a sheet. */
export type LedgerSummary = 'sum' | 'mean'

/**
 * Where a ledger's rows come from: synced records of its `kind` (read under
 * the sync pull's scope and masking), or a server table that is no record
 * kind (the grid hand-overs an administrator makes).
 */
export type LedgerSource = 'records' | 'grid_handover'

/** A ledger as its file defines it, typed by the rows it reads. */
export interface LedgerSpec<T> {
  /** The ledger's address segment, e.g. 'issues'. */
  id: string
  /** The Chinese title, e.g. '说事台账'. */
  title: string
  /** The record kind it lists (for a ledger of a server table: that table). */
  kind: string
  /** Where the rows come from; records of `kind` unless said. */
  source?: LedgerSource
  /**
   * A permission the requester needs besides being signed in, for a ledger
   * whose rows are not records scoped by audience (the hand-overs: org.manage).
   */
  permission?: Permission
  /**
   * The record's data as the viewer may see it (and the record's id), when it
   * is a row of this ledger; null skips it.
   */
  read(data: Record<string, unknown>, id: string): T | null
  /** The China date the period filter looks at (e.g. the day a matter was registered). */
  dateOf(row: T): string | null
  /**
   * The record this row belongs to (a form's campaign), for a ledger of one
   * parent (`?of=<id>`: the forms of one campaign).
   */
  parentOf?(row: T): string | null
  /** Figures counted from other records for the cells (`countOf`). */
  tally?: LedgerTally
  /** In order; a group's columns stand together under its merged header. */
  columns: readonly (LedgerColumn<T> | LedgerColumnGroup<T>)[]
}

/** A ledger with its row type sealed in: what the server's writers need. */
export interface Ledger {
  id: string
  title: string
  kind: string
  source: LedgerSource
  permission: Permission | null
  headers: readonly string[]
  /** Per column, its group header or null. */
  groups: readonly (string | null)[]
  widths: readonly number[]
  summaries: readonly (LedgerSummary | null)[]
  /** True when rows may be narrowed to one parent record (`parentOf`). */
  hasParent: boolean
  tally: LedgerTally | null
  /** The row's date for the period filter and its cells, or null when the record is no row. */
  row(data: Record<string, unknown>, context: LedgerContext, id?: string): LedgerRow | null
}

/** One ledger row before its serial number. */
export interface LedgerRow {
  date: string | null
  parent: string | null
  cells: LedgerCell[]
}

/** Seals a ledger's row type: the registry holds ledgers of every kind in one list. */
export function defineLedger<T>(spec: LedgerSpec<T>): Ledger {
  const columns = spec.columns.flatMap((entry): LedgerColumn<T>[] =>
    'columns' in entry
      ? entry.columns.map((column) => ({ ...column, group: entry.group }))
      : [entry],
  )
  return {
    id: spec.id,
    title: spec.title,
    kind: spec.kind,
    source: spec.source ?? 'records',
    permission: spec.permission ?? null,
    headers: columns.map((column) => column.header),
    groups: columns.map((column) => column.group ?? null),
    widths: columns.map((column) => column.width),
    summaries: columns.map((column) => column.summary ?? null),
    hasParent: spec.parentOf !== undefined,
    tally: spec.tally ?? null,
    row(data, context, id = '') {
      const row = spec.read(data, id)
      if (row === null) return null
      return {
        date: spec.dateOf(row),
        parent: spec.parentOf?.(row) ?? null,
        cells: columns.map((column) => column.value(row, context)),
      }
    },
  }
}

/**
 * A `read` that accepts what the kind's schema accepts: a record that does
 * not parse (written by an older version, say) is left out, never guessed.
 */
export function readWith<T>(schema: z.ZodType<T>): (data: Record<string, unknown>) => T | null {
  return (data) => {
    const parsed = schema.safeParse(data)
    return parsed.success ? parsed.data : null
  }
}

/** Several lines in one cell. */
export function lines(values: readonly string[]): string {
  return values.join('\n')
}

/** The China date of an ISO instant as a ledger cell; empty for none. */
export function instantCell(iso: string | null | undefined): LedgerCell {
  return iso ? { date: chinaDate(iso) } : null
}

/** A China date as a ledger cell; empty for none. */
export function dateCell(date: string | null | undefined): LedgerCell {
  return date ? { date } : null
}

/** '2026-11-27' → '2026年11月27日' (the county's way of writing a date). */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-')
  return `${year}年${Number(month)}月${Number(day)}日`
}

/** Calendar days from one China date to another (0 on the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)
}

/** Yes / no as a ledger shows it. */
export function yesNo(value: boolean): string {
  return value ? '是' : '否'
}
