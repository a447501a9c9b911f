import { describe, expect, it } from 'vitest'
import { audienceReaches } from '../org/org-path.ts'
import type { Actor } from '../sync/record-kind.ts'
import { catalogueKind } from './catalogue.kind.ts'
import type { CatalogueData, CatalogueEntryInput } from './catalogue.schema.ts'
import { countOverdue, entryStatus, quarterEnd } from './catalogue.status.ts'
import { refusalCodeOf } from '../sync/record-kind.fixtures.ts'

const COUNTY = '/demo-county/'
const DEPT = '/demo-county/demo-dept-1/'

function actor(fields: Partial<Actor> = {}): Actor {
  return {
    userId: 'u-county',
    userName: '县说事中心',
    role: 'county_staff',
    orgUnitId: 'demo-county',
    orgPath: COUNTY,
    at: '2026-01-05T02:00:00.000Z',
    ...fields,
  }
}
const department = actor({ role: 'department_staff', orgPath: DEPT, orgUnitId: 'demo-dept-1' })

const ENTRY: CatalogueEntryInput = {
  id: 'e1',
  title: '县城老旧小区改造实施方案',
  department: DEPT,
  plannedQuarter: 2,
}

const apply = (current: CatalogueData | null, op: string, payload: object, by = actor()) =>
  catalogueKind.apply(current, { op, payload: { ...payload }, baseVersion: 0 }, by)

describe('the participation catalogue kind', () => {
  it('is compiled by county staff as a draft for the county, seen by the whole county', () => {
    const catalogue = apply(null, 'create', { year: 2026, entries: [ENTRY] })
    expect(catalogue).toMatchObject({ year: 2026, county: COUNTY, status: 'draft' })
    expect(catalogue.entries[0]?.consultationId).toBeNull()
    const [audience = ''] = catalogueKind.audience(catalogue)
    expect(audienceReaches(audience, '/demo-county/demo-t1/demo-t1-v1/')).toBe(true)
    expect(audienceReaches(audience, DEPT)).toBe(true)
  })

  it('refuses a department or a township compiling it', () => {
    expect(refusalCodeOf(() => apply(null, 'create', { year: 2026 }, department))).toBe(
      'forbidden_role',
    )
  })

  it('refuses an entry whose department is not a county department', () => {
    const township = { ...ENTRY, department: '/demo-county/demo-t1/demo-t1-v1/' }
    expect(refusalCodeOf(() => apply(null, 'create', { year: 2026, entries: [township] }))).toBe(
      'invalid_payload',
    )
  })

  it('publishes once, and not while empty', () => {
    const empty = apply(null, 'create', { year: 2026 })
    expect(refusalCodeOf(() => apply(empty, 'publish', {}))).toBe('invalid_payload')
    const published = apply(apply(empty, 'set_entries', { entries: [ENTRY] }), 'publish', {})
    expect(published).toMatchObject({ status: 'published', publishedByName: '县说事中心' })
    expect(refusalCodeOf(() => apply(published, 'publish', {}))).toBe('already_published')
  })

  it('lets the entry’s own department link its consultation, and keeps the link across edits', () => {
    const catalogue = apply(null, 'create', { year: 2026, entries: [ENTRY] })
    const other = actor({ role: 'department_staff', orgPath: '/demo-county/demo-dept-2/' })
    const linkInput = { entryId: 'e1', consultationId: 'c-1' }
    expect(refusalCodeOf(() => apply(catalogue, 'link', linkInput, other))).toBe('out_of_scope')
    const linked = apply(catalogue, 'link', linkInput, department)
    expect(linked.entries[0]?.consultationId).toBe('c-1')
    expect(
      refusalCodeOf(() =>
        apply(linked, 'link', { entryId: 'e1', consultationId: 'c-2' }, department),
      ),
    ).toBe('already_linked')
    const renamed = apply(linked, 'set_entries', {
      entries: [{ ...ENTRY, title: '老旧小区改造方案' }],
    })
    expect(renamed.entries[0]).toMatchObject({ title: '老旧小区改造方案', consultationId: 'c-1' })
  })
})

describe('an entry’s standing (overdue at the end of its planned quarter)', () => {
  it('ends quarters on their last calendar day', () => {
    expect([1, 2, 3, 4].map((q) => quarterEnd(2026, q as 1 | 2 | 3 | 4))).toEqual([
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
      '2026-12-31',
    ])
  })

  it('is planned through the last day of its quarter and overdue the day after', () => {
    expect(entryStatus({ plannedQuarter: 1 }, 2026, null, '2026-03-31')).toBe('planned')
    expect(entryStatus({ plannedQuarter: 1 }, 2026, null, '2026-04-01')).toBe('overdue')
  })

  it('is opened when its consultation opened in time, opened late after', () => {
    expect(entryStatus({ plannedQuarter: 1 }, 2026, '2026-03-20', '2026-05-01')).toBe('opened')
    expect(entryStatus({ plannedQuarter: 1 }, 2026, '2026-04-10', '2026-05-01')).toBe('opened_late')
    // A consultation scheduled to open later has not opened yet.
    expect(entryStatus({ plannedQuarter: 1 }, 2026, '2026-06-01', '2026-05-01')).toBe('overdue')
  })

  it('counts only the overdue ones', () => {
    expect(countOverdue(['planned', 'overdue', 'opened_late', 'overdue'])).toBe(2)
  })
})
