/**
 * Lean list rows: for every record of a kind with a list projection, a small
 * row in the `rows` table holding only what that kind's lists show, filter
 * and sort by. A list reads its first page through the `[kind+sortKey]` index
 * and then the lean set, never the whole records (an issue report's ledger of
 * events is most of its bytes), so the first rows paint early and the heap
 * does not hold every record at 10,000.
 *
 * The rows are kept by a Dexie middleware, not by the writers: every write to
 * `records` — a save, a rebase, a pull page, a reset, an upgrade — writes the
 * matching rows in the same IndexedDB transaction, so a row can never be
 * missing or stale, whoever writes the record.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie'
import type { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import type { IssueData, IssueStage } from '#shared/issue/issue.schema.ts'
import { STATUS_STAGE } from '#shared/issue/issue.deadlines.ts'
import { REMINDER_ACTIONS, type ReminderEvent } from '#shared/reminders/reminders.types.ts'
import { DESK_PROJECTIONS } from './desk-projections.ts'

/** A record as its kind's lists see it (a row of the `rows` table). */
export interface ListRow<T = Record<string, unknown>> {
  /** The record's key (`kind:id`). */
  key: string
  kind: string
  id: string
  /** Lists show rows newest first by this string (an ISO time for every kind so far). */
  sortKey: string
  /** 1 while the record has outbox entries (waiting or refused), as on the record. */
  hasPending: 0 | 1
  /** The kind's projection of the record's data (the device's current state). */
  data: T
}

/** Rows in a lean list's first answer, read on their own: a phone screen holds about six. */
export const FIRST_PAGE_ROWS = 40

/**
 * The issue kind's name for its list (checked against the kind's constant at
 * compile time): importing `issue.kind.ts` itself would load the kind, zod
 * and the meeting kind into the inbox's first render.
 */
export const ISSUE_ROWS: typeof ISSUE_KIND = 'issue'

/** How a kind's records become rows: the sort key and the lean data. */
export interface Projection<T> {
  sortKey: (data: T) => string
  project: (data: T) => Record<string, unknown>
  /** A cheap shape check: records whose data fails it get no row. */
  isData: (data: Record<string, unknown>) => data is T & Record<string, unknown>
}

/**
 * An issue report as the inbox, its filters, search and cards (and the work
 * desk's counts) use it. Every field is the record's own, unchanged, except
 * `deadlines`: only the current stage's deadline is kept, which is all
 * `isOverdue` reads; and `latestEvents`: the last few ledger entries, lean,
 * which the message centre (src/shared/reminders) reads. Rows written
 * before it existed lack it until their record changes — and a record that
 * has not changed since has no new event to tell of.
 */
export type IssueListData = Pick<
  IssueData,
  | 'title'
  | 'description'
  | 'place'
  | 'status'
  | 'category'
  | 'tags'
  | 'orgPath'
  | 'createdAt'
  | 'reporterId'
  | 'escalatedToTownship'
  | 'assignedDepartment'
  | 'deadlines'
  | 'reopenCount'
  | 'isPrivate'
> & { latestEvents?: ReminderEvent[] }

/** Ledger entries a row keeps for the message centre: enough for a return followed by a step. */
export const LATEST_EVENTS = 5

/**
 * The latest entries that can make a message (`REMINDER_ACTIONS`), lean: no
 * note, no actor's name, only where an escalation or dispatch went. The
 * registration is left out: it is the row's `createdAt` and `reporterId`
 * (see `reminderEvents` in features/messages). Defensive, as every
 * projection: it runs inside the database's writes.
 */
function latestEvents(events: unknown): ReminderEvent[] {
  if (!Array.isArray(events)) return []
  const lean: ReminderEvent[] = []
  for (const event of events as Partial<IssueData['events'][number]>[]) {
    const { id, action, toStatus, actorId, at, details } = event
    if (!id || !action || !toStatus || !actorId || !at) continue
    if (action === 'register' || !REMINDER_ACTIONS.includes(action)) continue
    const township = details?.township
    const department = details?.department
    const where = {
      ...(township !== undefined ? { township } : {}),
      ...(department !== undefined ? { department } : {}),
    }
    lean.push({
      id,
      action,
      toStatus,
      actorId,
      at,
      ...(township !== undefined || department !== undefined ? { details: where } : {}),
    })
  }
  return lean.slice(-LATEST_EVENTS)
}

/** The shape check of an issue's list row (for `useListRows`). */
export function isIssueListData(
  data: Record<string, unknown>,
): data is IssueListData & Record<string, unknown> {
  return (
    typeof data.status === 'string' && typeof data.title === 'string' && Array.isArray(data.tags)
  )
}

const issueProjection: Projection<IssueData> = {
  sortKey: (data) => data.createdAt,
  isData: (data): data is IssueData & Record<string, unknown> =>
    typeof data.status === 'string' &&
    typeof data.title === 'string' &&
    typeof data.createdAt === 'string',
  project: (data) => {
    const stage: IssueStage | null = STATUS_STAGE[data.status] ?? null
    const current = stage ? data.deadlines?.[stage] : undefined
    const row: IssueListData = {
      title: data.title,
      description: data.description,
      status: data.status,
      category: data.category,
      tags: data.tags,
      orgPath: data.orgPath,
      createdAt: data.createdAt,
      reporterId: data.reporterId,
      escalatedToTownship: data.escalatedToTownship,
      assignedDepartment: data.assignedDepartment,
      deadlines: stage && current ? { [stage]: current } : {},
      reopenCount: data.reopenCount,
      isPrivate: data.isPrivate,
      latestEvents: latestEvents(data.events),
    }
    if (data.place !== undefined) row.place = data.place
    return row
  },
}

/**
 * The kinds whose lists read `rows`; other kinds' lists read `records`. A
 * kind added here gets its rows on existing devices from an upgrade that
 * rewrites its records (app-db.ts).
 */
const PROJECTIONS: Readonly<Record<string, Projection<never>>> = {
  issue: issueProjection as unknown as Projection<never>,
  ...(DESK_PROJECTIONS as Record<string, unknown> as Record<string, Projection<never>>),
}

/** True when `kind`'s lists read lean rows. */
export const hasListRows = (kind: string): boolean => kind in PROJECTIONS

/** The list row of a stored record, or null when its kind has none. */
export function toListRow(record: {
  key: string
  kind: string
  id: string
  hasPending: 0 | 1
  data: Record<string, unknown>
}): ListRow | null {
  const projection = PROJECTIONS[record.kind] as Projection<Record<string, unknown>> | undefined
  if (!projection || !projection.isData(record.data)) return null
  return {
    key: record.key,
    kind: record.kind,
    id: record.id,
    sortKey: projection.sortKey(record.data),
    hasPending: record.hasPending,
    data: projection.project(record.data),
  }
}

const RECORDS = 'records'
const ROWS = 'rows'

/** Writes the rows that follow a mutation of `records`, in its transaction. */
async function mirror(rows: DBCoreTable, req: DBCoreMutateRequest): Promise<void> {
  const { trans } = req
  if (req.type === 'deleteRange') {
    await rows.mutate({ type: 'deleteRange', trans, range: req.range })
    return
  }
  if (req.type === 'delete') {
    await rows.mutate({ type: 'delete', trans, keys: req.keys })
    return
  }
  const puts: ListRow[] = []
  const gone: string[] = []
  for (const record of req.values as Parameters<typeof toListRow>[0][]) {
    const row = toListRow(record)
    if (row) puts.push(row)
    else if (hasListRows(record.kind)) gone.push(record.key)
  }
  if (puts.length > 0) await rows.mutate({ type: 'put', trans, values: puts })
  if (gone.length > 0) await rows.mutate({ type: 'delete', trans, keys: gone })
}

/** The middleware that keeps `rows` in step with `records` (AppDb installs it). */
export const listRowsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ListRows',
  create: (down) => ({
    ...down,
    // Every read-write transaction over records also holds rows.
    transaction: (stores, mode, options) =>
      down.transaction(
        mode === 'readwrite' && stores.includes(RECORDS) && !stores.includes(ROWS)
          ? [...stores, ROWS]
          : stores,
        mode,
        options,
      ),
    table: (name) => {
      const table = down.table(name)
      if (name !== RECORDS) return table
      return {
        ...table,
        mutate: async (req) => {
          const response = await table.mutate(req)
          await mirror(down.table(ROWS), req)
          return response
        },
      }
    },
  }),
}
