/**
 * The public consultation page's routes (no account): the consultation as
 * disclosed, an opinion sent from the page — saved through the ordinary
 * write path as the system actor, so it syncs to the department and the
 * village like any opinion and is in the ledger — and the lookup of one
 * opinion by its tracking code. Threat model and spam measures:
 * docs/consultation.md, "The public side".
 */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { uuidv7 } from 'uuidv7'
import { z } from 'zod'
import { chinaDate } from '#shared/calendar/working-days.ts'
import {
  OPINION_KIND,
  PUBLIC_OPINION_ACTOR_ID,
  publicOpinionPayload,
} from '#shared/consultation/opinion.kind.ts'
import {
  opinionReceiptSchema,
  publicConsultationSchema,
  publicOpinionInputSchema,
  trackedOpinionSchema,
  trackingLookupSchema,
} from '#shared/consultation/public-consultation.ts'
import {
  formatTrackingCode,
  normalizeTrackingCode,
  trackingCodeFromBytes,
} from '#shared/consultation/public-tracking.ts'
import { systemAuth } from '../assessment/system-actor.ts'
import { opinionListing } from '../livelihood/opinion-listing.ts'
import { HttpError } from '../plugins/errors.ts'
import { limitPublic, withCodeLimit } from '../rate-limit/public-guard.ts'
import { releaseAttempt, type Reservation } from '../rate-limit/rate-limit.repository.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { inTransaction } from '../db/transaction.ts'
import { applySystemChange } from '../sync/system-change.ts'
import { claimText, hashTrackingCode, LOOKUP_LIMIT, OPINION_LIMIT } from './opinion-guard.ts'
import { findConsultation, findConsultationOpinions } from './consultation.repository.ts'
import { findOpinion, findTracking, saveTracking } from './public.repository.ts'
import {
  concernedVillages,
  isDisclosed,
  isOpenOn,
  publicAnswer,
  toPublicConsultation,
} from './public-view.ts'

const consultationParams = z.object({ id: z.string().max(64) })

/** A fresh tracking code, as the person writes it down. */
const newTrackingCode = () => trackingCodeFromBytes(randomBytes(12))

export function consultationPublicRoutes(app: FastifyInstance, kinds: KindRegistry): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db, dialect } = app.database

  /** The consultation if the public may see it, else 404 (a draft is nobody's business yet). */
  async function disclosed(id: string) {
    const consultation = await findConsultation(db, dialect, id)
    if (!consultation || !isDisclosed(consultation)) throw new HttpError(404, 'not_found')
    return consultation
  }

  api.get(
    '/api/public/consultations/:id',
    { schema: { params: consultationParams, response: { 200: publicConsultationSchema } } },
    async (request) => {
      const { id } = request.params
      const consultation = await disclosed(id)
      const opinions = (await findConsultationOpinions(db, id)).map((row) => row.data)
      return toPublicConsultation(db, id, consultation, opinions, new Date())
    },
  )

  api.post(
    '/api/public/consultations/:id/opinions',
    {
      bodyLimit: 16 * 1024,
      schema: {
        params: consultationParams,
        body: publicOpinionInputSchema,
        response: { 201: opinionReceiptSchema },
      },
    },
    async (request, reply) => {
      const now = new Date()
      const consultationId = request.params.id
      // Counted first, so a burst passes at most the limit whatever it sends.
      await limitPublic(db, OPINION_LIMIT, request.ip, now)
      const input = request.body
      if (input.website !== '') {
        // A form-filling robot: a believable answer, nothing stored, nothing to learn from.
        request.log.info({ consultationId }, 'public opinion honeypot filled; dropped')
        return reply.code(201).send({ trackingCode: formatTrackingCode(newTrackingCode()) })
      }
      const consultation = await disclosed(consultationId)
      if (!isOpenOn(consultation, chinaDate(now.toISOString()))) {
        throw new HttpError(409, 'consultation_closed')
      }
      const villages = await concernedVillages(db, consultation)
      if (input.villagePath && !villages.some((village) => village.path === input.villagePath)) {
        throw new HttpError(400, 'validation_failed', '请选择本次征求意见涉及的村社', {
          villagePath: '请选择本次征求意见涉及的村社',
        })
      }
      const claim = await claimText(db, request.ip, consultationId, input.text, now)
      if (!claim) throw new HttpError(409, 'duplicate_opinion')
      try {
        const code = newTrackingCode()
        await storeOpinion(consultationId, consultation.department, input, code, now, request.log)
        return reply.code(201).send({ trackingCode: formatTrackingCode(code) })
      } catch (error) {
        // Not stored: the same words may be sent again.
        await giveBack(claim)
        throw error
      }
    },
  )

  async function giveBack(claim: Reservation): Promise<void> {
    await releaseAttempt(db, claim).catch(() => undefined)
  }

  /** The opinion and its tracking code's hash, in one transaction: neither without the other. */
  async function storeOpinion(
    consultationId: string,
    department: string,
    input: z.output<typeof publicOpinionInputSchema>,
    code: string,
    now: Date,
    log: FastifyInstance['log'],
  ): Promise<void> {
    const auth = await systemAuth(db, PUBLIC_OPINION_ACTOR_ID, '网上征求意见', department)
    if (!auth) throw new HttpError(404, 'not_found')
    const opinionId = uuidv7()
    const codeHash = hashTrackingCode(code)
    const resident =
      input.name || input.phone
        ? {
            ...(input.name ? { name: input.name } : {}),
            ...(input.phone ? { phone: input.phone } : {}),
          }
        : null
    await inTransaction(db, async (trx) => {
      const change = {
        kind: OPINION_KIND,
        recordId: opinionId,
        op: 'create',
        payload: publicOpinionPayload({
          consultationId,
          department,
          text: input.text,
          heardOn: chinaDate(now.toISOString()),
          villagePath: input.villagePath,
          resident,
          trackingHash: codeHash,
        }),
      }
      await applySystemChange({ dialect, kinds, auth, log }, trx, change, now)
      await saveTracking(trx, codeHash, opinionId, consultationId, now)
    })
  }

  /**
   * One opinion by its tracking code: its text, when it was sent, and the
   * answer — nothing about the person, the place or any other opinion. In
   * the body, not the URL, so codes stay out of access logs and histories.
   */
  api.post(
    '/api/public/opinions/lookup',
    {
      bodyLimit: 1024,
      schema: { body: trackingLookupSchema, response: { 200: trackedOpinionSchema } },
    },
    (request) =>
      withCodeLimit(db, request.log, LOOKUP_LIMIT, request.ip, async ({ wrongCode }) => {
        const code = normalizeTrackingCode(request.body.code)
        const tracking = code ? await findTracking(db, hashTrackingCode(code)) : undefined
        const opinion = tracking ? await findOpinion(db, dialect, tracking.opinion_id) : null
        const consultation = tracking
          ? await findConsultation(db, dialect, tracking.consultation_id)
          : null
        if (!tracking || !opinion || !consultation) {
          wrongCode()
          throw new HttpError(404, 'tracking_code_invalid')
        }
        return {
          consultationId: tracking.consultation_id,
          consultationTitle: consultation.title,
          text: opinion.text,
          submittedOn: opinion.heardOn,
          answersDueOn: consultation.answersDue?.date ?? null,
          answer: publicAnswer(opinion.answer),
          listing: await opinionListing(db, tracking.opinion_id),
        }
      }),
  )
}
