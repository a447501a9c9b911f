/**
 * The code sheets of one kind of ballot box (an assessment campaign, a
 * livelihood ranking), for the routes that mint and show them: the box as
 * its kind's audience lets a user see it, a sheet in clear for the person
 * who issued it and nobody else (ADR 0007), and minting a sheet.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Permission } from '#shared/auth/permissions.ts'
import { codeSheetRequestSchema, type SheetCodes } from '#shared/ballot/ballot.api.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { HttpError } from '../plugins/errors.ts'
import { assertCanSeeRecord, requirePermission } from '../plugins/scope.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { ballotSecretLoader } from './ballot-secret.ts'
import { findSheetOwner, issueCodes, readSheet } from './ballot.repository.ts'

/** A sheet in clear, with the box its codes belong to. */
export interface OwnSheet<Box> {
  batchId: string
  boxId: string
  box: Box
  issuedAt: string
  codes: SheetCodes
}

export interface CodeSheets<Box> {
  /** Box `id` if `auth` may see it (its kind's audience), else 403 as for any record. */
  boxInScope(this: void, id: string, auth: AuthContext): Promise<Box>
  /**
   * Sheet `batchId` in clear, for the person who issued it: anyone else, a
   * colleague of the same unit included, gets 404 as for a sheet that does
   * not exist, so ids cannot be probed. A sheet of another kind of box is
   * refused by `boxInScope` (403).
   */
  ownSheet(this: void, batchId: string, auth: AuthContext): Promise<OwnSheet<Box>>
  /** Mints `count` codes for box `boxId` on a sheet of `auth`'s; its batch id. */
  issueSheet(
    this: void,
    boxId: string,
    count: number,
    auth: AuthContext,
    log: FastifyBaseLogger,
  ): Promise<string>
}

/** The sheets of boxes of record kind `kind`, read with `find` (null when there is none). */
export function codeSheets<Box>(
  app: FastifyInstance,
  kinds: KindRegistry,
  kind: string,
  find: (id: string) => Promise<Box | null>,
): CodeSheets<Box> {
  const { db } = app.database
  const ballotSecret = ballotSecretLoader(app.config)

  async function boxInScope(id: string, auth: AuthContext): Promise<Box> {
    const box = await find(id)
    if (!box) throw new HttpError(403, 'out_of_scope')
    const recordKind = kinds.get(kind)
    assertCanSeeRecord(auth, recordKind ? recordKind.audience(box) : [])
    return box
  }

  async function ownSheet(batchId: string, auth: AuthContext): Promise<OwnSheet<Box>> {
    const owner = await findSheetOwner(db, batchId)
    if (!owner || owner.issuedBy !== auth.user.id) throw new HttpError(404, 'not_found')
    const box = await boxInScope(owner.campaignId, auth)
    const { codes } = await readSheet(db, ballotSecret(), batchId)
    if (codes.length === 0) throw new HttpError(410, 'sheet_not_retrievable')
    return { batchId, boxId: owner.campaignId, box, issuedAt: owner.issuedAt, codes }
  }

  async function issueSheet(
    boxId: string,
    count: number,
    auth: AuthContext,
    log: FastifyBaseLogger,
  ): Promise<string> {
    const batchId = await issueCodes(db, ballotSecret(), boxId, count, auth.user.id, new Date())
    log.info({ boxId, kind, batchId, count }, 'ballot codes issued')
    return batchId
  }

  return { boxInScope, ownSheet, issueSheet }
}

/** A sheet as a route answers it: the box's id and title under the kind's own names (`campaignId`, `rankingId`…). */
export type SheetAnswer = Omit<OwnSheet<unknown>, 'boxId' | 'box'> & Record<string, unknown>

/** How one kind of box mints and shows its sheets (see `codeSheetRoutes`). */
export interface SheetRouteOptions<Box> {
  /** `POST` mints a sheet for box `:id`. */
  codesUrl: string
  /** `GET` one's own sheet `:batchId`, in clear. */
  sheetUrl: string
  /** Who may mint and read sheets of this kind. */
  permission: Permission
  sheetSchema: z.ZodType<SheetAnswer>
  /** Throws (409) when the box takes no more ballots, so no codes are minted for it. */
  assertOpen(this: void, box: Box): void
  /** The answer for `sheet` of box `boxId`. */
  present(
    this: void,
    sheet: Omit<OwnSheet<Box>, 'boxId' | 'box'>,
    boxId: string,
    box: Box,
  ): SheetAnswer
}

/**
 * The two routes every kind of ballot box has: mint a sheet of codes
 * (`count` in the body) for a box in scope, and show one's own sheet again.
 */
export function codeSheetRoutes<Box>(
  app: FastifyInstance,
  sheets: CodeSheets<Box>,
  options: SheetRouteOptions<Box>,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const boxParams = z.object({ id: z.string().max(64) })
  const sheetParams = z.object({ batchId: z.string().max(64) })

  async function ownSheet(batchId: string, auth: AuthContext): Promise<SheetAnswer> {
    const { boxId, box, ...sheet } = await sheets.ownSheet(batchId, auth)
    return options.present(sheet, boxId, box)
  }

  api.post(
    options.codesUrl,
    {
      schema: {
        params: boxParams,
        body: codeSheetRequestSchema,
        response: { 201: options.sheetSchema },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, options.permission)
      options.assertOpen(await sheets.boxInScope(request.params.id, auth))
      const { count } = request.body
      const batchId = await sheets.issueSheet(request.params.id, count, auth, request.log)
      return reply.code(201).send(await ownSheet(batchId, auth))
    },
  )

  api.get(
    options.sheetUrl,
    { schema: { params: sheetParams, response: { 200: options.sheetSchema } } },
    async (request) =>
      ownSheet(request.params.batchId, requirePermission(request, options.permission)),
  )
}
