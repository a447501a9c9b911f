/**
 * Residents' own door to issue reports (issue #17.3, .4), no account:
 * the villages and grids to choose from, a report sent from the public
 * form — saved through the ordinary write path as the residents' system
 * actor, so it lands in the grid's inbox like any report (channel 线上),
 * syncs, and is in the ledger — the lookup of a report by its tracking
 * code, and the resident's feedback through that lookup. Threat model and
 * spam measures: docs/public-pages.md, "Residents' own reports".
 */
import { createHash, randomBytes } from 'node:crypto'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { uuidv7 } from 'uuidv7'
import { z } from 'zod'
import {
  formatTrackingCode,
  normalizeTrackingCode,
  trackingCodeFromBytes,
} from '#shared/consultation/public-tracking.ts'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import {
  MIN_FILL_MS,
  RESIDENT_ACTOR_ID,
  RESIDENT_ACTOR_NAME,
  RESIDENT_TOPICS,
} from '#shared/issue/issue.resident.ts'
import {
  reportLookupSchema,
  reportPlacesSchema,
  residentFeedbackInputSchema,
  residentReceiptSchema,
  residentReportInputSchema,
  toTrackedReport,
  trackedReportSchema,
  type ResidentReportInput,
} from '#shared/issue/issue.public.ts'
import { uncapturedFields, type IssueCreateInput } from '#shared/issue/issue.capture.schema.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { systemAuth } from '../assessment/system-actor.ts'
import { insertBlob } from '../blob/blob.repository.ts'
import { MAX_BLOB_BYTES, sniffImageType } from '../blob/blob.routes.ts'
import { hashTrackingCode, LOOKUP_LIMIT } from '../consultation/opinion-guard.ts'
import { limitPublic, PUBLIC_READ_LIMIT, withCodeLimit } from '../rate-limit/public-guard.ts'
import { findOrgUnit, findPathUnits, listSubtree } from '../org/org.repository.ts'
import { HttpError } from '../plugins/errors.ts'
import { checkFormToken, formTokenKeyLoader, issueFormToken } from '../public/form-token.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { applyWithSavepoints } from '../sync/push.ts'
import { reserveReport, reserveVillageReport } from './report-guard.ts'
import {
  findTrackedIssue,
  saveIssueTracking,
  type TrackedIssue,
} from './report-tracking.repository.ts'

const placesQuery = z.object({ unit: z.string().regex(/^[a-z0-9-]{1,40}$/, '单位编号不正确') })

/** A fresh tracking code. */
const newTrackingCode = () => trackingCodeFromBytes(randomBytes(12))

/** The title a report gets: the description's first line, cut to fit. */
export function titleOf(description: string): string {
  const firstLine = description.split('\n')[0] ?? ''
  const chars = Array.from(firstLine.trim())
  return chars.length > 30 ? `${chars.slice(0, 29).join('')}…` : chars.join('')
}

/** The issue's create payload for a resident's form. */
function createPayload(
  input: ResidentReportInput,
  grid: { id: string; path: string },
  photos: string[],
  trackingHash: string,
): IssueCreateInput {
  const topic = RESIDENT_TOPICS[input.topic]
  const resident =
    input.isAnonymous || (input.name === '' && input.phone === '')
      ? null
      : {
          ...(input.name ? { name: input.name } : {}),
          ...(input.phone ? { phone: input.phone } : {}),
        }
  return {
    isAnonymous: input.isAnonymous,
    resident,
    channel: 'online',
    category: topic.category,
    tags: [topic.tag],
    title: titleOf(input.description) || '线上说事',
    description: input.description,
    ...uncapturedFields(),
    photos,
    gridId: grid.id,
    orgPath: grid.path,
    trackingHash,
  }
}

export function publicReportRoutes(app: FastifyInstance, kinds: KindRegistry): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db, dialect } = app.database
  const formKey = formTokenKeyLoader(app.config)

  /** The villages (with their grids) under or around `unit`: names only, which are public. */
  api.get(
    '/api/public/report-places',
    { schema: { querystring: placesQuery, response: { 200: reportPlacesSchema } } },
    async (request) => {
      // Counted with the other public reads: each answer also signs a form token.
      await limitPublic(db, PUBLIC_READ_LIMIT, request.ip, new Date())
      const unit = await findOrgUnit(db, request.query.unit)
      if (!unit || unit.tier === 'department') throw new HttpError(404, 'not_found')
      // A grid's link offers its own village; a township's or the county's, all below.
      const root = unit.tier === 'grid' ? await findOrgUnit(db, unit.parentId ?? '') : unit
      if (!root) throw new HttpError(404, 'not_found')
      const units = await listSubtree(db, root.path)
      const names = new Map(
        [...(await findPathUnits(db, root.path)), ...units].map((u) => [u.id, u.name]),
      )
      const villages = units
        .filter((u) => u.tier === 'village')
        .map((village) => ({
          id: village.id,
          name: village.name,
          townshipName: names.get(village.parentId ?? '') ?? '',
          grids: units
            .filter((u) => u.tier === 'grid' && u.parentId === village.id)
            .map((grid) => ({ id: grid.id, name: grid.name })),
        }))
      // The form's fill time counts from here, on the server's clock.
      return { villages, formToken: issueFormToken(formKey(), new Date()) }
    },
  )

  /** The grid a report goes to: the one chosen, else the village's first. */
  async function gridFor(input: ResidentReportInput): Promise<{ id: string; path: string }> {
    const village = await findOrgUnit(db, input.villageId)
    if (!village || village.tier !== 'village') {
      throw new HttpError(400, 'validation_failed', '请选择所在村社', {
        villageId: '请选择所在村社',
      })
    }
    const grids = (await listSubtree(db, village.path)).filter((u) => u.tier === 'grid')
    const grid = input.gridId ? grids.find((u) => u.id === input.gridId) : grids[0]
    if (!grid) {
      throw new HttpError(400, 'validation_failed', '请选择本村社的网格', {
        gridId: '请选择本村社的网格',
      })
    }
    return { id: grid.id, path: grid.path }
  }

  api.post(
    '/api/public/reports',
    {
      bodyLimit: 1536 * 1024,
      schema: { body: residentReportInputSchema, response: { 201: residentReceiptSchema } },
    },
    async (request, reply) => {
      const now = new Date()
      // Counted first, so a burst passes at most the limit whatever it sends.
      if (!(await reserveReport(db, request.ip, now))) {
        throw new HttpError(429, 'too_many_reports')
      }
      const input = request.body
      const token = checkFormToken(formKey(), input.formToken, now)
      // A stale or foreign token: the page fetches a fresh one and the person sends again.
      if (!token.ok) throw new HttpError(400, 'form_expired')
      const code = newTrackingCode()
      if (input.website !== '' || token.ageMs < MIN_FILL_MS) {
        // A form-filling robot: a believable answer, nothing stored, nothing to learn from.
        request.log.info('public report honeypot or too fast; dropped')
        return reply.code(201).send({ trackingCode: formatTrackingCode(code) })
      }
      const grid = await gridFor(input)
      const photo = input.photo ? checkedPhoto(input.photo) : null
      if (!(await reserveVillageReport(db, input.villageId, now))) {
        throw new HttpError(429, 'village_reports_full')
      }
      await storeReport(input, grid, photo, code, now, request.log)
      return reply.code(201).send({ trackingCode: formatTrackingCode(code) })
    },
  )

  /** The photo's bytes, if they are the image they claim to be; else 400. */
  function checkedPhoto(photo: NonNullable<ResidentReportInput['photo']>) {
    const data = Buffer.from(photo.base64, 'base64')
    if (data.length === 0 || data.length > MAX_BLOB_BYTES || sniffImageType(data) !== photo.type) {
      throw new HttpError(400, 'validation_failed', '照片须为不超过1MB的JPEG、PNG或WebP图片', {
        photo: '照片须为不超过1MB的JPEG、PNG或WebP图片',
      })
    }
    return { data, type: photo.type, sha256: createHash('sha256').update(data).digest('hex') }
  }

  /** The photo, the report and its tracking code's hash, in one transaction. */
  async function storeReport(
    input: ResidentReportInput,
    grid: { id: string; path: string },
    photo: { data: Buffer; type: string; sha256: string } | null,
    code: string,
    now: Date,
    log: FastifyBaseLogger,
  ): Promise<void> {
    const auth = await systemAuth(db, RESIDENT_ACTOR_ID, RESIDENT_ACTOR_NAME, grid.path)
    if (!auth) throw new HttpError(404, 'not_found')
    const issueId = uuidv7()
    const codeHash = hashTrackingCode(code)
    const trx = await db.startTransaction().execute()
    try {
      if (photo) {
        await insertBlob(trx, {
          sha256: photo.sha256,
          contentType: photo.type,
          data: photo.data,
          userId: RESIDENT_ACTOR_ID,
        })
      }
      const mutation: Mutation = {
        id: uuidv7(),
        kind: ISSUE_KIND,
        recordId: issueId,
        op: 'create',
        payload: createPayload(input, grid, photo ? [photo.sha256] : [], codeHash),
        baseVersion: 0,
        seq: 0,
        deviceId: 'public',
        createdAt: now.toISOString(),
      }
      const [result] = await applyWithSavepoints({ db: trx, dialect, kinds, auth, log }, trx, [
        mutation,
      ])
      if (result?.status !== 'applied') {
        const message = result?.status === 'rejected' ? result.message : undefined
        throw new HttpError(400, 'validation_failed', message)
      }
      await saveIssueTracking(trx, codeHash, issueId, now)
      await trx.commit().execute()
    } catch (error) {
      await trx.rollback().execute()
      throw error
    }
  }

  /**
   * Runs `work` on the report a code finds, under the lookup limits shared
   * with every tracking code: a wrong or malformed code counts as a failure.
   */
  async function withTrackedReport<T>(
    ip: string,
    typed: string,
    log: FastifyBaseLogger,
    work: (found: TrackedIssue, codeHash: string) => Promise<T>,
  ): Promise<T> {
    return withCodeLimit(db, log, LOOKUP_LIMIT, ip, async ({ wrongCode }) => {
      const code = normalizeTrackingCode(typed)
      const codeHash = code ? hashTrackingCode(code) : null
      const found = codeHash ? await findTrackedIssue(db, dialect, codeHash) : null
      if (!codeHash || !found) {
        wrongCode()
        throw new HttpError(404, 'tracking_code_invalid')
      }
      return work(found, codeHash)
    })
  }

  /** One report by its tracking code (in the body, so codes stay out of access logs). */
  api.post(
    '/api/public/reports/lookup',
    {
      bodyLimit: 1024,
      schema: { body: reportLookupSchema, response: { 200: trackedReportSchema } },
    },
    (request) =>
      withTrackedReport(request.ip, request.body.code, request.log, (found) =>
        Promise.resolve(toTrackedReport(found.data)),
      ),
  )

  /**
   * The resident's rating through the lookup, as the feedback transition of
   * the residents' system actor: only while the report waits for feedback;
   * two ratings at once give one (the second finds it no longer waiting).
   */
  api.post(
    '/api/public/reports/feedback',
    {
      bodyLimit: 4096,
      schema: { body: residentFeedbackInputSchema, response: { 200: trackedReportSchema } },
    },
    (request) =>
      withTrackedReport(request.ip, request.body.code, request.log, async (found, codeHash) => {
        if (found.data.status !== 'awaiting_feedback') {
          throw new HttpError(409, 'not_awaiting_feedback')
        }
        const { satisfaction, comment } = request.body
        const auth = await systemAuth(
          db,
          RESIDENT_ACTOR_ID,
          RESIDENT_ACTOR_NAME,
          found.data.orgPath,
        )
        if (!auth) throw new HttpError(404, 'not_found')
        const trx = await db.startTransaction().execute()
        try {
          const [result] = await applyWithSavepoints(
            { db: trx, dialect, kinds, auth, log: request.log },
            trx,
            [
              {
                id: uuidv7(),
                kind: ISSUE_KIND,
                recordId: found.id,
                op: 'transition',
                payload: { action: 'feedback', satisfaction, comment },
                baseVersion: found.version,
                seq: 0,
                deviceId: 'public',
                createdAt: new Date().toISOString(),
              },
            ],
          )
          if (result?.status !== 'applied') {
            throw result?.code === 'invalid_transition'
              ? new HttpError(409, 'not_awaiting_feedback')
              : new HttpError(
                  400,
                  'validation_failed',
                  result?.status === 'rejected' ? result.message : undefined,
                )
          }
          await trx.commit().execute()
        } catch (error) {
          await trx.rollback().execute()
          throw error
        }
        const after = await findTrackedIssue(db, dialect, codeHash)
        if (!after) throw new HttpError(404, 'tracking_code_invalid')
        return toTrackedReport(after.data)
      }),
  )
}
