/**
 * GET /api/ledgers/:ledgerId — a ledger (台账) as an Excel workbook or CSV,
 * streamed while it is read. Who sees what is the sync pull's rule (see
 * ledger.rows.ts): any signed-in user may export what their phone could
 * hold, masked the same way; a drill-down to a unit outside their subtree
 * is 403 whether or not it exists. A long export holds a database
 * connection and a core for seconds, so a burst is refused early (429)
 * rather than queued: one export per user and a few per process.
 *
 * The open API serves the same ledgers to other platforms at
 * GET /api/open/v1/ledgers/:ledgerId: a service account's token is its
 * `auth` (token-auth.ts: a user of the token's role at the token's unit), so
 * scope, masking and the burst rule are exactly those of a person there.
 */
import { PassThrough } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { findLedger, LEDGER_FORMATS, LEDGER_SPLITS } from '#shared/ledger/ledgers.ts'
import { resolvePeriod, type Period } from '#shared/supervision/period.ts'
import { can } from '#shared/auth/permissions.ts'
import { HttpError } from '../plugins/errors.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { loadUnitInScope, requireAuth } from '../plugins/scope.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { handoverRows } from './handover.rows.ts'
import { ledgerRows } from './ledger.rows.ts'
import { tallyLedger } from './ledger.tally.ts'
import { ledgerHead, sheetsBy } from './ledger.sheets.ts'
import { writeLedgerCsv } from './ledger.csv.ts'
import { writeLedgerXlsx } from './ledger.xlsx.ts'
import { exportSlots } from './export-slots.ts'
import { unitNames } from './unit-names.ts'

const short = z.string().max(40).optional()

const paramsSchema = z.object({ ledgerId: z.string().max(40) })
const querySchema = z.object({
  format: z.enum(LEDGER_FORMATS).default('xlsx').describe('xlsx（默认）或 csv'),
  split: z.enum(LEDGER_SPLITS).default('none').describe('分表：不分、按乡镇或按村社'),
  unitId: z.string().min(1).max(64).optional().describe('只导出本单位范围内的这一单位'),
  /** The parent record (a campaign) of a ledger of one parent's rows. */
  of: z.string().min(1).max(64).optional().describe('评议活动编号（仅群众评议表台账）'),
  period: z.string().max(20).optional().describe('month、quarter、year 或 custom'),
  at: short,
  from: short,
  to: short,
})
type LedgerRequest = FastifyRequest<{
  Params: z.infer<typeof paramsSchema>
  Querystring: z.infer<typeof querySchema>
}>

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const

export function ledgerRoutes(app: FastifyInstance, kinds: KindRegistry): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database
  const slots = exportSlots()

  async function sendLedger(request: LedgerRequest, reply: FastifyReply, auth: AuthContext) {
    const ledger = findLedger(request.params.ledgerId)
    if (!ledger) throw new HttpError(404, 'unknown_ledger')
    if (ledger.permission && !can(auth.user.role, ledger.permission)) {
      throw new HttpError(403, 'forbidden')
    }
    const { format, split, unitId, of = null, ...periodQuery } = request.query
    if (of !== null && !ledger.hasParent) throw new HttpError(400, 'bad_request')
    let period: Period | null = null
    if (periodQuery.period !== undefined) {
      const resolved = resolvePeriod({ ...periodQuery, period: periodQuery.period })
      if ('error' in resolved) throw new HttpError(400, 'invalid_period', resolved.error)
      period = resolved
    }
    const unit = await loadUnitInScope(db, auth, unitId ?? auth.orgUnit.id)
    const release = slots.take(auth.user.id)
    if (!release) throw new HttpError(429, 'ledger_busy')
    try {
      const names = await unitNames(db)
      const counts = ledger.tally ? await tallyLedger(db, kinds, auth, ledger.tally) : undefined
      const context = { unitName: names, counts }
      const now = new Date()
      const head = ledgerHead(ledger, unit, period, auth.user.name, now)
      const sheetOf = sheetsBy(split, ledger, names)
      const query = {
        ledger,
        auth,
        // The requester's own unit: everything they see, a dispatched matter included.
        under: unit.id === auth.orgUnit.id ? null : unit.path,
        period,
        parent: of,
        byPlace: split !== 'none',
      }
      const rows =
        ledger.source === 'grid_handover'
          ? handoverRows(db, context, query)
          : ledgerRows(db, kinds, context, query)
      const out = new PassThrough()
      const writing =
        format === 'xlsx'
          ? writeLedgerXlsx(out, ledger, head, rows, sheetOf)
          : writeLedgerCsv(out, ledger, head, rows, sheetOf, split !== 'none')
      writing
        .catch((error: unknown) => {
          // The header is gone already: all that is left is to cut the download short.
          if (!out.destroyed) request.log.error({ err: error }, 'ledger export failed')
          out.destroy(error instanceof Error ? error : new Error(String(error)))
        })
        .finally(release)
      const name = `${ledger.title}-${period?.label ?? 'all'}.${format}`
      return await reply
        .header('content-type', CONTENT_TYPES[format])
        .header(
          'content-disposition',
          `attachment; filename="ledger-${ledger.id}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(out)
    } catch (error) {
      release()
      throw error
    }
  }

  const schema = { params: paramsSchema, querystring: querySchema }
  api.get('/api/ledgers/:ledgerId', { schema }, (request, reply) =>
    sendLedger(request, reply, requireAuth(request)),
  )
  api.get(
    '/api/open/v1/ledgers/:ledgerId',
    {
      schema: {
        ...schema,
        tags: ['open'],
        security: [{ apiToken: [] }],
        summary: '按令牌的单位和角色导出台账（Excel 或 CSV），范围和脱敏与该角色的账号相同',
      },
    },
    // token-auth.ts has made the token the request's auth, or answered 401.
    (request, reply) => sendLedger(request, reply, requireAuth(request)),
  )
}
