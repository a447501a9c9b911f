/**
 * Bulk onboarding (issue #20.2, docs/administration.md): the template to
 * download, and the upload — the file is the request body (xlsx or CSV, no
 * multipart). `?dryRun=true` is the preview: the whole import runs in one
 * transaction that is then rolled back, so the preview is exactly what a
 * commit would do. A commit with any problem changes nothing (400
 * import_has_errors, with the problems); one without answers the slips.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ACCOUNT_COLUMNS,
  importResultSchema,
  type ImportResult,
} from '#shared/admin/user-import.ts'
import { HttpError } from '../plugins/errors.ts'
import { requirePermission } from '../plugins/scope.ts'
import { hashPassword } from '../auth/password.ts'
import { makeTemporaryPassword } from '../auth/temporary-password.ts'
import { isUniqueViolation } from '../db/db-errors.ts'
import { findUserByPhone } from '../org/org.repository.ts'
import { MAX_IMPORT_ROWS, readImportFile, writeTemplate } from './import-file.ts'
import { applyImport } from './user-import.apply.ts'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Thrown inside the transaction to roll it back while keeping the result. */
class Rollback extends Error {
  constructor(readonly result: Omit<ImportResult, 'dryRun'>) {
    super('rollback')
  }
}

export async function userImportRoutes(app: FastifyInstance): Promise<void> {
  // Encapsulated: the file parsers apply to these routes only.
  await app.register((scoped, _options, done) => {
    scoped.addContentTypeParser(
      [XLSX_TYPE, 'text/csv', 'application/octet-stream'],
      { parseAs: 'buffer' },
      (_request, body, parsed) => parsed(null, body),
    )
    routes(scoped)
    done()
  })
}

function routes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  api.get('/api/admin/import/template', async (request, reply) => {
    requirePermission(request, 'org.manage')
    return reply
      .header('content-type', XLSX_TYPE)
      .header(
        'content-disposition',
        `attachment; filename="onboarding.xlsx"; filename*=UTF-8''${encodeURIComponent('单位和账号导入模板.xlsx')}`,
      )
      .send(await writeTemplate())
  })

  api.post(
    '/api/admin/import',
    {
      schema: {
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }),
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'org.manage')
      const dryRun = request.query.dryRun === 'true'
      const body: unknown = request.body
      const tables = Buffer.isBuffer(body) ? await readImportFile(body) : null
      if (!tables) throw new HttpError(400, 'import_unreadable')
      if (tables.units.length > MAX_IMPORT_ROWS || tables.accounts.length > MAX_IMPORT_ROWS) {
        throw new HttpError(413, 'payload_too_large')
      }
      // Hashing is slow: do it for the phones not registered yet, before the
      // transaction holds any lock. A dry run keeps no password: it needs none.
      const secrets = new Map<string, { password: string; hash: string }>()
      for (const { cells } of tables.accounts) {
        const phone = (cells[ACCOUNT_COLUMNS.phone] ?? '').trim()
        if (secrets.has(phone) || (await findUserByPhone(db, phone))) continue
        const password = makeTemporaryPassword()
        secrets.set(phone, { password, hash: dryRun ? '-' : await hashPassword(password) })
      }
      const now = new Date().toISOString()
      let result: Omit<ImportResult, 'dryRun'>
      try {
        result = await db.transaction().execute(async (trx) => {
          const applied = await applyImport(trx, auth, tables, (phone) => secrets.get(phone), now)
          if (dryRun || applied.problems.length > 0) throw new Rollback(applied)
          return applied
        })
      } catch (error) {
        if (error instanceof Rollback) result = error.result
        // Another import registered one of these phones at the same moment: nothing was kept.
        else if (isUniqueViolation(error)) throw new HttpError(409, 'phone_taken')
        else throw error
      }
      if (!dryRun && result.problems.length > 0) {
        throw new HttpError(
          400,
          'import_has_errors',
          undefined,
          Object.fromEntries(
            result.problems.map((problem) => [
              `${problem.sheet}.${problem.row}${problem.column ? `.${problem.column}` : ''}`,
              problem.message,
            ]),
          ),
        )
      }
      return { ...result, dryRun, slips: dryRun ? [] : result.slips }
    },
  )
}
