/**
 * The adoption report of a consultation (征求意见采纳情况说明): its facts,
 * the summary and every opinion with its answer, without the person. For
 * the department running it and the county; the device draws the same
 * report from its own records when offline (features/consultation).
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { adoptionReportSchema } from '#shared/consultation/consultation.api.ts'
import { CONSULTATION_KIND } from '#shared/consultation/consultation.kind.ts'
import { summarizeOpinions } from '#shared/consultation/consultation.summary.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { HttpError } from '../plugins/errors.ts'
import { assertCanSeeRecord, assertRunsConsultation, requirePermission } from '../plugins/scope.ts'
import { findOrgUnit } from '../org/org.repository.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { findConsultation, findConsultationOpinions } from './consultation.repository.ts'

const params = z.object({ id: z.string().max(64) })

export function consultationRoutes(app: FastifyInstance, kinds: KindRegistry): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db, dialect } = app.database

  async function unitName(path: string): Promise<string> {
    return (await findOrgUnit(db, pathIds(path).at(-1) ?? ''))?.name ?? ''
  }

  api.get(
    '/api/consultations/:id/report',
    { schema: { params, response: { 200: adoptionReportSchema } } },
    async (request) => {
      const auth = requirePermission(request, 'consultation.manage')
      const consultation = await findConsultation(db, dialect, request.params.id)
      // Missing or out of sight answer alike, as for any record.
      if (!consultation) throw new HttpError(403, 'out_of_scope')
      assertCanSeeRecord(auth, kinds.get(CONSULTATION_KIND)?.audience(consultation) ?? [])
      assertRunsConsultation(auth, consultation.department)
      const opinions = (await findConsultationOpinions(db, request.params.id)).sort((a, b) =>
        a.data.recordedAt.localeCompare(b.data.recordedAt),
      )
      const places = new Set([
        consultation.department,
        ...opinions.flatMap(({ data }) => (data.villagePath ? [data.villagePath] : [])),
      ])
      const unitNames = Object.fromEntries(
        await Promise.all([...places].map(async (path) => [path, await unitName(path)] as const)),
      )
      return {
        id: request.params.id,
        consultation,
        departmentName: unitNames[consultation.department] ?? '',
        unitNames,
        summary: summarizeOpinions(opinions.map(({ data }) => data)),
        opinions: opinions.map(({ id, data }) => ({
          id,
          channel: data.channel,
          heardOn: data.heardOn,
          text: data.text,
          villagePath: data.villagePath,
          themes: data.themes,
          group: data.group,
          answer: data.answer,
        })),
      }
    },
  )
}
