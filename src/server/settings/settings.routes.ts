/**
 * The county settings (issue #20.4, docs/settings.md):
 * - GET /api/settings: the version in force, for every signed-in device
 *   (the sync engine reads it after each pull); who changed it last only
 *   for those who may change it;
 * - PUT /api/settings: county staff or an admin save the whole table from
 *   the version they edited; a save from an older version is a conflict;
 * - GET /api/settings/history: the saved versions, newest first.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { can } from '#shared/auth/permissions.ts'
import {
  settingsSnapshotSchema,
  settingsUpdateSchema,
  type CountySettings,
} from '#shared/settings/settings.schema.ts'
import { isUniqueViolation } from '../db/db-errors.ts'
import { HttpError } from '../plugins/errors.ts'
import { requireAuth, requirePermission } from '../plugins/scope.ts'
import type { Database } from '../db/database.ts'
import { insertSettings, readSettingsHistory, unitsByIds } from './settings.repository.ts'
import type { SettingsState } from './settings.state.ts'

/** Versions the history answers with at most. */
const HISTORY_LIMIT = 100

/**
 * The units a table names must exist with the right tier: a fixed day
 * belongs to a township or a village, a body is a department, a contact
 * point is a township or village station. Answers the first problem per
 * field, in Chinese, or null.
 */
async function unitProblems(
  db: Database['db'],
  settings: CountySettings,
): Promise<Record<string, string> | null> {
  const { oversight } = settings
  const fixedDayUnits = Object.keys(settings.fixedDay.units)
  const bodies = [oversight.supervisionBody, oversight.reviewBody].filter(
    (id): id is string => id !== null,
  )
  const points = oversight.reviewContactPoints ?? []
  const units = await unitsByIds(db, [...new Set([...fixedDayUnits, ...bodies, ...points])])
  const isStation = (id: string) => ['township', 'village'].includes(units.get(id)?.tier ?? '')
  const problems: Record<string, string> = {}
  const badDay = fixedDayUnits.find((id) => !isStation(id))
  if (badDay !== undefined) problems['fixedDay.units'] = '固定议事日只能按乡镇（街道）或村社设置'
  for (const field of ['supervisionBody', 'reviewBody'] as const) {
    const id = oversight[field]
    if (id !== null && units.get(id)?.tier !== 'department') {
      problems[`oversight.${field}`] = '监督机构和复议机构须为县级部门'
    }
  }
  if (points.some((id) => !isStation(id))) {
    problems['oversight.reviewContactPoints'] = '复议便民联系点须为乡镇或村社'
  }
  return Object.keys(problems).length > 0 ? problems : null
}

export function settingsRoutes(app: FastifyInstance, state: SettingsState): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  // Sync applies and pulls on the settings in force: follow a save made by
  // another process on the same database before the request runs.
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/sync/')) await state.refresh(db)
  })

  api.get(
    '/api/settings',
    { schema: { response: { 200: settingsSnapshotSchema } } },
    async (request) => {
      const { user } = requireAuth(request)
      await state.refresh(db)
      const snapshot = state.current()
      // A staff member's name is for those who keep the settings, not every phone.
      return can(user.role, 'settings.manage') ? snapshot : { ...snapshot, changedByName: null }
    },
  )

  api.get(
    '/api/settings/history',
    { schema: { response: { 200: z.object({ versions: z.array(settingsSnapshotSchema) }) } } },
    async (request) => {
      requirePermission(request, 'settings.manage')
      return { versions: await readSettingsHistory(db, HISTORY_LIMIT) }
    },
  )

  api.put(
    '/api/settings',
    { schema: { body: settingsUpdateSchema, response: { 200: settingsSnapshotSchema } } },
    async (request) => {
      const { user } = requirePermission(request, 'settings.manage')
      const { baseVersion, settings } = request.body
      const problems = await unitProblems(db, settings)
      if (problems) throw new HttpError(400, 'invalid_settings', undefined, problems)
      await state.refresh(db)
      if (baseVersion !== state.current().version) throw new HttpError(409, 'settings_conflict')
      const version = baseVersion + 1
      const at = new Date().toISOString()
      try {
        await insertSettings(db, version, settings, user, at)
      } catch (error) {
        // Two saves from the same version: the key lets only the first in.
        if (isUniqueViolation(error)) throw new HttpError(409, 'settings_conflict')
        throw error
      }
      const snapshot = { version, settings, changedAt: at, changedByName: user.name }
      state.use(snapshot)
      request.log.info({ by: user.id, version }, 'county settings changed')
      return snapshot
    },
  )
}
