/**
 * The yearly participation catalogue as a sync record kind. County staff
 * compile it (draft), publish it, and may amend it afterwards (a catalogue
 * is adjusted during the year); the drafting department — or county staff —
 * links an entry to the consultation opened for it. Everyone in the county
 * holds it (departments must see their entries; it is public anyway).
 */
import { can } from '../auth/permissions.ts'
import { downwardAudience, pathIds } from '../org/org-path.ts'
import {
  MutationRejection,
  parsePayload,
  type Actor,
  type KindReferences,
  type MutationInput,
  recordReference,
  type RecordKind,
  type RecordReference,
  shapeCheck,
  requireRole,
} from '../sync/record-kind.ts'
import {
  catalogueCreateSchema,
  catalogueDataSchema,
  catalogueEntriesInputSchema,
  catalogueLinkInputSchema,
  type CatalogueData,
  type CatalogueEntry,
} from './catalogue.schema.ts'
import { CONSULTATION_KIND, consultationDataSchema } from './consultation.schema.ts'

/** The record kind's name in the sync protocol. */
export const CATALOGUE_KIND = 'participation_catalogue'

/** Cheap shape check of a stored catalogue, for the app's live lists (see `shapeCheck`). */
export const isCatalogueData = shapeCheck<CatalogueData>({
  number: ['year'],
  array: ['entries'],
  present: ['status'],
})

function requireCounty(actor: Actor): void {
  requireRole(actor, 'consultation.catalogue', '只有县说事中心可以编制公众参与事项目录')
}

/** The county the actor belongs to: the first id of their path. */
const countyOf = (actor: Actor) => `/${pathIds(actor.orgPath)[0] ?? ''}/`

/** Departments are the county's direct children (county / department). */
const DEPARTMENT_DEPTH = 2

/** The new entries, keeping the link of every entry that stays. */
function withLinks(
  entries: readonly Omit<CatalogueEntry, 'consultationId'>[],
  current: readonly CatalogueEntry[],
  county: string,
): CatalogueEntry[] {
  const links = new Map(current.map((entry) => [entry.id, entry.consultationId]))
  return entries.map((entry) => {
    const ids = pathIds(entry.department)
    if (ids.length !== DEPARTMENT_DEPTH || !entry.department.startsWith(county)) {
      throw new MutationRejection('invalid_payload', `“${entry.title}”的承办单位须为本县县级部门`)
    }
    return { ...entry, consultationId: links.get(entry.id) ?? null }
  })
}

function link(current: CatalogueData, payload: Record<string, unknown>, actor: Actor) {
  const input = parsePayload(catalogueLinkInputSchema, payload)
  const entry = current.entries.find((candidate) => candidate.id === input.entryId)
  if (!entry) throw new MutationRejection('not_found', '目录中没有这一事项')
  const mayLink =
    can(actor.role, 'consultation.catalogue') ||
    (actor.role === 'department_staff' && actor.orgPath === entry.department)
  if (!mayLink) throw new MutationRejection('out_of_scope', '只能关联本部门承办的目录事项')
  if (entry.consultationId !== null && entry.consultationId !== input.consultationId) {
    throw new MutationRejection('already_linked', '该事项已关联征求意见，不能重复关联')
  }
  return current.entries.map((candidate) =>
    candidate.id === entry.id ? { ...candidate, consultationId: input.consultationId } : candidate,
  )
}

/**
 * One catalogue per county and year (a device cannot know every catalogue),
 * and each entry's department is a real department of the county. The
 * county's own downward mark lies in the county staff's own scope: only
 * they create and amend the record. A link names a consultation the author
 * can see, of the entry's own department.
 */
const catalogueReferences: KindReferences<CatalogueData> = (mutation, { recordId, next }) => {
  if (mutation.op === 'link') {
    const { entryId, consultationId } = mutation.payload
    const entry = next.entries.find((candidate) => candidate.id === entryId)
    if (typeof consultationId !== 'string' || !entry) return []
    return [
      recordReference(
        CONSULTATION_KIND,
        consultationDataSchema,
        consultationId,
        { code: 'unknown_consultation', message: '所选征求意见事项不存在或不在您的管辖范围内' },
        (consultation) => {
          if (consultation.department !== entry.department) {
            throw new MutationRejection(
              'consultation_mismatch',
              '所选征求意见事项不是该目录事项的承办单位起草的',
            )
          }
          return []
        },
      ),
    ]
  }
  if (mutation.op !== 'create' && mutation.op !== 'set_entries') return []
  const departments = [...new Set(next.entries.map((entry) => entry.department))]
  return [
    ...(mutation.op === 'create'
      ? [
          {
            type: 'distinct' as const,
            kind: CATALOGUE_KIND,
            id: recordId,
            code: 'duplicate_catalogue',
            message: `${next.year}年度目录已经建立，请在原目录中修改`,
            clashes: (other: unknown) => {
              const parsed = catalogueDataSchema.safeParse(other)
              return (
                parsed.success &&
                parsed.data.year === next.year &&
                parsed.data.county === next.county
              )
            },
          },
        ]
      : []),
    ...departments.map((path): RecordReference => ({
      type: 'org_unit',
      path,
      tier: 'department',
      code: 'unknown_department',
      message: '所选承办单位不是本县的县级部门',
    })),
  ]
}

/** The catalogue kind. */
export const catalogueKind: RecordKind<CatalogueData> = {
  kind: CATALOGUE_KIND,
  schema: catalogueDataSchema,
  apply(current: CatalogueData | null, mutation: MutationInput, actor: Actor): CatalogueData {
    const { op, payload } = mutation
    const stamp = { updatedAt: actor.at, updatedByName: actor.userName }
    if (op === 'create') {
      if (current) throw new MutationRejection('already_exists', '该年度目录已建立，请勿重复提交')
      requireCounty(actor)
      const input = parsePayload(catalogueCreateSchema, payload)
      const county = countyOf(actor)
      return {
        year: input.year,
        county,
        entries: withLinks(input.entries, [], county),
        status: 'draft',
        publishedAt: null,
        publishedByName: null,
        ...stamp,
      }
    }
    if (!current) throw new MutationRejection('not_found', '该年度目录不存在或尚未同步')
    switch (op) {
      case 'set_entries': {
        requireCounty(actor)
        const { entries } = parsePayload(catalogueEntriesInputSchema, payload)
        return {
          ...current,
          entries: withLinks(entries, current.entries, current.county),
          ...stamp,
        }
      }
      case 'publish': {
        requireCounty(actor)
        if (current.status === 'published') {
          throw new MutationRejection('already_published', '该年度目录已发布')
        }
        if (current.entries.length === 0) {
          throw new MutationRejection('invalid_payload', '目录中还没有事项，不能发布')
        }
        return {
          ...current,
          status: 'published',
          publishedAt: actor.at,
          publishedByName: actor.userName,
          ...stamp,
        }
      }
      case 'link':
        return { ...current, entries: link(current, payload, actor), ...stamp }
      default:
        throw new MutationRejection('unknown_op', '不支持的操作')
    }
  },
  /** The whole county, downward: departments, townships and stations all read it. */
  audience(data: CatalogueData): string[] {
    return [downwardAudience(data.county)]
  },
  references: catalogueReferences,
}
