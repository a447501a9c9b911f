/**
 * Turning rows of another platform into issue reports, without storing
 * anything: each row is checked (required fields, the village and grid it
 * names inside the importer's scope, the issue's own capture rules) and
 * looked up in the source's tickets. What a preview shows and what a commit
 * creates come from the same plan, so they cannot disagree.
 */
import type { Kysely } from 'kysely'
import { isWithin } from '#shared/org/org-path.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import type { IssueCategory } from '#shared/issue/issue.schema.ts'
import {
  issueCreateSchema,
  uncapturedFields,
  type IssueCreateInput,
} from '#shared/issue/issue.capture.schema.ts'
import {
  FIELD_NAMES,
  IMPORT_FIELDS,
  type ImportField,
  type ImportRowResult,
  type ImportSource,
} from '#shared/import/import.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { listSubtree } from '../org/org.repository.ts'
import { titleOf } from '../issue/public-report.routes.ts'
import { HttpError } from '../plugins/errors.ts'
import { findImportedTickets } from './import.repository.ts'
import type { ParsedTable } from './import.parse.ts'

/** One incoming row: its line and its fields (absent ones empty). */
export interface ImportRecord {
  line: number
  fields: Partial<Record<ImportField, string>>
}

/** A checked row: its result, and the create payload when it is ready. */
export interface PlannedRow {
  result: ImportRowResult
  payload: IssueCreateInput | null
}

const CATEGORY_WORDS: Readonly<Record<string, IssueCategory>> = {
  个人事项: 'personal',
  个人: 'personal',
  公益事项: 'public_interest',
  公益: 'public_interest',
  行政管理事项: 'administrative',
  行政管理: 'administrative',
  行政: 'administrative',
}

/** A file's rows as records, by the source's column mapping; 400 when a mapped column is missing. */
export function recordsOf(table: ParsedTable, source: ImportSource): ImportRecord[] {
  const index = new Map<ImportField, number>()
  for (const field of IMPORT_FIELDS) {
    const header = source.columns[field]
    if (!header) continue
    const at = table.headers.indexOf(header)
    if (at < 0) {
      throw new HttpError(
        400,
        'validation_failed',
        `文件中没有“${header}”列（${FIELD_NAMES[field]}），请检查列对应关系`,
      )
    }
    index.set(field, at)
  }
  return table.rows.map(({ line, cells }) => ({
    line,
    fields: Object.fromEntries([...index].map(([field, at]) => [field, cells[at] ?? ''])),
  }))
}

/**
 * The unit `text` names among `units`: by id or exact name; else the one
 * whose name starts with it ("柳河村" for "柳河村说事站"), else the one
 * whose name holds it ("第二网格"). 'many' when that is not one unit.
 */
function pick(units: readonly OrgUnit[], text: string): OrgUnit | 'none' | 'many' {
  const tries = [
    (u: OrgUnit) => u.id === text || u.name === text,
    (u: OrgUnit) => u.name.startsWith(text),
    (u: OrgUnit) => u.name.includes(text),
  ]
  for (const matches of tries) {
    const found = units.filter(matches)
    if (found.length === 1) return found[0] as OrgUnit
    if (found.length > 1) return 'many'
  }
  return 'none'
}

/** The villages and grids an importer may file into, found by id or name. */
class PlaceIndex {
  private readonly villages: OrgUnit[]
  private readonly grids = new Map<string, OrgUnit[]>()
  private readonly names = new Map<string, string>()

  constructor(units: readonly OrgUnit[]) {
    this.villages = units.filter((u) => u.tier === 'village')
    for (const unit of units) {
      this.names.set(unit.id, unit.name)
      if (unit.tier === 'grid' && unit.parentId) {
        this.grids.set(unit.parentId, [...(this.grids.get(unit.parentId) ?? []), unit])
      }
    }
  }

  /** The grid a row goes to, or the reason it cannot go anywhere. */
  find(villageText: string, gridText: string): { grid: OrgUnit; place: string } | string {
    const village = pick(this.villages, villageText)
    if (village === 'none') return `找不到村社“${villageText}”（须在本单位范围内）`
    if (village === 'many') return `村社名称“${villageText}”不唯一，请填写村社全称或编号`
    const grids = this.grids.get(village.id) ?? []
    const grid = gridText ? pick(grids, gridText) : (grids[0] ?? 'none')
    if (grid === 'many') return `网格名称“${gridText}”不唯一，请填写网格全称或编号`
    if (grid === 'none') {
      return gridText ? `网格“${gridText}”不在${village.name}` : `${village.name}还没有网格`
    }
    const township = this.names.get(village.parentId ?? '') ?? ''
    return { grid, place: [township, village.name, grid.name].filter(Boolean).join(' / ') }
  }
}

/** The create payload of a row that names its grid. */
function payloadOf(
  fields: ImportRecord['fields'],
  source: ImportSource,
  grid: OrgUnit,
  category: IssueCategory,
): Record<string, unknown> {
  const name = fields.name ?? ''
  const phone = fields.phone ?? ''
  const description = fields.description ?? ''
  return {
    isAnonymous: name === '' && phone === '',
    resident:
      name === '' && phone === ''
        ? null
        : { ...(name ? { name } : {}), ...(phone ? { phone } : {}) },
    channel: source.channel,
    category,
    tags: ['other'],
    title: fields.title || titleOf(description) || `${source.name}工单`,
    description,
    ...(fields.place ? { place: fields.place } : {}),
    ...uncapturedFields(),
    gridId: grid.id,
    orgPath: grid.path,
    external: { source: source.name, ticket: fields.ticket ?? '' },
  }
}

/**
 * Checks every record for a source, as an importer whose scope is
 * `scopePath`: ready, duplicate (already imported, or earlier in the same
 * file), or invalid with its reasons in Chinese.
 */
export async function planImport(
  db: Kysely<DatabaseSchema>,
  source: ImportSource,
  scopePath: string,
  records: readonly ImportRecord[],
): Promise<PlannedRow[]> {
  const places = new PlaceIndex(
    (await listSubtree(db, scopePath)).filter((u) => isWithin(u.path, scopePath)),
  )
  const imported = await findImportedTickets(
    db,
    source.id,
    records.map((r) => r.fields.ticket ?? '').filter(Boolean),
  )
  const seen = new Map<string, number>()
  return records.map(({ line, fields }) => {
    const ticket = fields.ticket ?? ''
    const errors: string[] = []
    const result = (status: ImportRowResult['status'], place = '', title = ''): PlannedRow => ({
      result: { line, ticket, status, errors, place, title },
      payload: null,
    })
    if (ticket === '') errors.push('缺少工单编号')
    if (ticket.length > 60) errors.push('工单编号不超过60字')
    if (ticket !== '' && imported.has(ticket)) return result('duplicate')
    const earlier = seen.get(ticket)
    if (earlier !== undefined) {
      errors.push(`与第${earlier}行的工单编号相同`)
      return result('duplicate')
    }
    if (ticket !== '') seen.set(ticket, line)
    if (!fields.village) errors.push('缺少村社')
    if (!fields.description) errors.push('缺少具体情况')
    const categoryText = fields.category ?? ''
    const category = categoryText === '' ? source.category : CATEGORY_WORDS[categoryText]
    if (!category) errors.push(`事项分类“${categoryText}”应为个人事项、公益事项或行政管理事项`)
    const found = fields.village ? places.find(fields.village, fields.grid ?? '') : null
    if (typeof found === 'string') errors.push(found)
    if (errors.length > 0 || !found || typeof found === 'string' || !category) {
      return result('invalid')
    }
    const parsed = issueCreateSchema.safeParse(payloadOf(fields, source, found.grid, category))
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '')
        const label = field === 'resident' ? '群众信息' : field
        errors.push(issue.message || label)
      }
      return result('invalid', found.place)
    }
    return {
      result: {
        line,
        ticket,
        status: 'ready',
        errors,
        place: found.place,
        title: parsed.data.title,
      },
      payload: parsed.data,
    }
  })
}
