/**
 * The county's scoring standards (考核指标 and 评分标准): stored one value a
 * row in `supervision_standard`, each with who changed it last and when;
 * values never set fall back to `DEFAULT_STANDARDS`. Everyone who may read
 * the figures reads them (the screens rank with them); county staff change
 * them, all at once, in one transaction.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import {
  DEFAULT_STANDARDS,
  INDICATORS,
  standardsSchema,
  type Standards,
} from '#shared/supervision/scoring.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { requirePermission } from '../plugins/scope.ts'

type Db = Kysely<DatabaseSchema>

/** The standards as rows: `weight.<indicator>`, `target.<indicator>`, `commend_at`, `notify_below`. */
function toRows(standards: Standards): Array<[string, number]> {
  return [
    ...INDICATORS.map((i): [string, number] => [`weight.${i}`, standards.weights[i]]),
    ...INDICATORS.map((i): [string, number] => [`target.${i}`, standards.targets[i]]),
    ['commend_at', standards.commendAt],
    ['notify_below', standards.notifyBelow],
  ]
}

/** The county's standards: the stored values over the defaults. */
export async function readStandards(db: Db): Promise<Standards> {
  const rows = await db.selectFrom('supervision_standard').select(['key', 'value']).execute()
  const stored = new Map(rows.map((row) => [row.key, Number(row.value)]))
  const get = (key: string, fallback: number) => stored.get(key) ?? fallback
  return {
    weights: Object.fromEntries(
      INDICATORS.map((i) => [i, get(`weight.${i}`, DEFAULT_STANDARDS.weights[i])]),
    ) as Standards['weights'],
    targets: Object.fromEntries(
      INDICATORS.map((i) => [i, get(`target.${i}`, DEFAULT_STANDARDS.targets[i])]),
    ) as Standards['targets'],
    commendAt: get('commend_at', DEFAULT_STANDARDS.commendAt),
    notifyBelow: get('notify_below', DEFAULT_STANDARDS.notifyBelow),
  }
}

export function standardsRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  api.get('/api/supervision/standards', async (request) => {
    requirePermission(request, 'supervision.view')
    return readStandards(db)
  })

  api.put('/api/supervision/standards', { schema: { body: standardsSchema } }, async (request) => {
    const auth = requirePermission(request, 'supervision.configure')
    const now = new Date().toISOString()
    await db.transaction().execute(async (trx) => {
      for (const [key, value] of toRows(request.body)) {
        await trx.deleteFrom('supervision_standard').where('key', '=', key).execute()
        await trx
          .insertInto('supervision_standard')
          .values({ key, value, updated_at: now, updated_by_name: auth.user.name })
          .execute()
      }
    })
    request.log.info({ by: auth.user.id }, 'supervision standards changed')
    return readStandards(db)
  })
}
