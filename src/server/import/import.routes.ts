/**
 * Import from other channels (issue #19.3): the county's sources with their
 * column mappings (saved once), and a file's preview and commit. The file is
 * the request body itself (text/csv or xlsx), never multipart. Who may: the
 * holders of `issue.import` (township and county staff), into the grids of
 * their own subtree only. See docs/import.md.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  IMPORT_CONTENT_TYPES,
  importOutcomeSchema,
  importSourceInputSchema,
  importSourceListSchema,
  importSourceSchema,
  type ImportOutcome,
  type ImportSource,
} from '#shared/import/import.schema.ts'
import { pathIds } from '#shared/org/org-path.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { HttpError } from '../plugins/errors.ts'
import { requirePermission, scopePathOf } from '../plugins/scope.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { commitPlan } from './import.commit.ts'
import { parseTable, type ImportFormat } from './import.parse.ts'
import { planImport, recordsOf, type PlannedRow } from './import.plan.ts'
import { findSource, listSources, saveSource } from './import.repository.ts'

/** The largest file an import accepts (20,000 rows of a hotline export fit). */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024

const sourceParams = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/, '来源平台不存在') })

/** The county an account works in: the root of its unit's path. */
export function countyOf(auth: AuthContext): string {
  return pathIds(scopePathOf(auth))[0] ?? ''
}

/** A plan as the client sees it. */
export function outcomeOf(headers: string[], plan: PlannedRow[], created: number): ImportOutcome {
  const count = (status: string) => plan.filter((row) => row.result.status === status).length
  return {
    headers,
    counts: {
      ready: count('ready'),
      duplicate: count('duplicate'),
      invalid: count('invalid'),
      created,
    },
    rows: plan.map((row) => row.result),
  }
}

export async function importRoutes(app: FastifyInstance, kinds: KindRegistry): Promise<void> {
  const { db } = app.database
  const api = app.withTypeProvider<ZodTypeProvider>()

  const sourceOf = async (auth: AuthContext, id: string): Promise<ImportSource> => {
    const source = await findSource(db, countyOf(auth), id)
    if (!source) throw new HttpError(404, 'not_found')
    return source
  }

  api.get(
    '/api/import/sources',
    { schema: { response: { 200: importSourceListSchema } } },
    async (request) => {
      const auth = requirePermission(request, 'issue.import')
      return { sources: await listSources(db, countyOf(auth)) }
    },
  )

  api.post(
    '/api/import/sources',
    { schema: { body: importSourceInputSchema, response: { 201: importSourceSchema } } },
    async (request, reply) => {
      const auth = requirePermission(request, 'issue.import')
      const source = await saveSource(
        db,
        countyOf(auth),
        null,
        request.body,
        auth.user.id,
        new Date(),
      )
      return reply.code(201).send(source)
    },
  )

  api.put(
    '/api/import/sources/:id',
    {
      schema: {
        params: sourceParams,
        body: importSourceInputSchema,
        response: { 200: importSourceSchema },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'issue.import')
      return saveSource(
        db,
        countyOf(auth),
        request.params.id,
        request.body,
        auth.user.id,
        new Date(),
      )
    },
  )

  /** The file's plan, as the caller (scope) and for the source named in the path. */
  async function planOf(request: FastifyRequest, id: string) {
    const auth = requirePermission(request, 'issue.import')
    const source = await sourceOf(auth, id)
    const body: unknown = request.body
    const format = formatOf(request.headers['content-type'])
    if (!Buffer.isBuffer(body) || body.length === 0 || !format) {
      throw new HttpError(415, 'import_file_type')
    }
    const table = await parseTable(body, format)
    const plan = await planImport(db, source, scopePathOf(auth), recordsOf(table, source))
    return { auth, source, table, plan }
  }

  await app.register((scoped, _options, done) => {
    // Files arrive as raw bytes in this plugin only.
    scoped.addContentTypeParser(
      Object.values(IMPORT_CONTENT_TYPES),
      { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
      (_request, body, next) => next(null, body),
    )
    const upload = scoped.withTypeProvider<ZodTypeProvider>()
    const schema = {
      params: sourceParams,
      response: { 200: importOutcomeSchema },
    }

    /** What the file would create: nothing is stored. */
    upload.post('/api/import/sources/:id/preview', { schema }, async (request) => {
      const { table, plan } = await planOf(request, request.params.id)
      return outcomeOf(table.headers, plan, 0)
    })

    /** Creates the file's ready rows; a row already imported is a duplicate and changes nothing. */
    upload.post('/api/import/sources/:id/commit', { schema }, async (request) => {
      const { auth, source, table, plan } = await planOf(request, request.params.id)
      const { created } = await commitPlan(
        app.database,
        kinds,
        source,
        scopePathOf(auth),
        plan,
        request.log,
      )
      return outcomeOf(table.headers, plan, created)
    })
    done()
  })
}

/** The file kind of a request's content type (parameters such as charset ignored). */
function formatOf(contentType: string | undefined): ImportFormat | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase()
  if (type === IMPORT_CONTENT_TYPES.csv) return 'csv'
  if (type === IMPORT_CONTENT_TYPES.xlsx) return 'xlsx'
  return null
}
