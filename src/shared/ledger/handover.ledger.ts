/**
 * 网格交接台账: one row per grid hand-over an administrator made — when, the
 * village and grid, the worker who handed over and the one who took over,
 * who made the hand-over and how many matters were still open. Read from the
 * server's hand-over table (not a record kind), so it is the
 * administrator's, like the on-screen list (permission org.manage).
 */
import { z } from 'zod'
import { handoverSchema } from '../admin/admin.schema.ts'
import { chinaDate } from '../calendar/working-days.ts'
import { instantCell, defineLedger, grouped, readWith } from './ledger.definition.ts'

/** A hand-over as the ledger reads it: the line of the on-screen list and the grid's path. */
export const handoverLedgerRowSchema = handoverSchema.extend({ gridPath: z.string() })
/** A hand-over as the ledger reads it. */
export type HandoverLedgerRow = z.infer<typeof handoverLedgerRowSchema>

/** The village's path above a grid's. */
function villagePath(gridPath: string): string {
  return gridPath.replace(/[^/]+\/$/, '')
}

export const handoverLedger = defineLedger<HandoverLedgerRow>({
  id: 'grid-handovers',
  title: '网格交接台账',
  kind: 'grid_handover',
  source: 'grid_handover',
  permission: 'org.manage',
  read: readWith(handoverLedgerRowSchema),
  dateOf: (handover) => chinaDate(handover.at),
  columns: [
    { header: '交接日期', width: 8, value: (handover) => instantCell(handover.at) },
    {
      header: '村社',
      width: 10,
      value: (handover, context) => context.unitName(villagePath(handover.gridPath)),
    },
    { header: '网格', width: 8, value: (handover) => handover.gridName },
    grouped('网格员', [
      { header: '交出人', width: 5, value: (handover) => handover.fromUser.name },
      { header: '接任人', width: 5, value: (handover) => handover.toUser.name },
    ]),
    { header: '经办人', width: 5, value: (handover) => handover.byUser.name },
    {
      header: '未办结事项',
      width: 5,
      summary: 'sum',
      value: (handover) => handover.openMatters,
    },
  ],
})
