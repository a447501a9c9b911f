/**
 * The public pages (issue #17) through the real server on both dialects:
 * their own entry, public.html, answers the public short URLs; the 双公开
 * wall shows only published disclosures of its station, nothing personal;
 * withdrawn ones leave it at once; only a unit's own staff publish; the
 * county sees who has not published a category in its period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PublicWall } from '#shared/disclosure/public-wall.ts'
import { BUILTIN_CATEGORIES } from '#shared/disclosure/disclosure.schema.ts'
import type { SupervisionView } from '#shared/supervision/figures.ts'
import { DEFAULT_STANDARDS, scoreUnit } from '#shared/supervision/scoring.ts'
import { PUBLIC_ENTRY_PREFIXES } from '#shared/public/public-entry.ts'
import { MAX_PUBLIC_READS_PER_IP } from '#server/rate-limit/public-guard.ts'
import type { Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { personalFieldsIn } from '../support/personal-fields.ts'
import { loginAll, pushApplied, pushOne } from '../support/sync-client.ts'
import { createFakeDist, INDEX_HTML, PUBLIC_HTML, type FakeDist } from '../support/fake-dist.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

describe.each(DIALECTS)('the public pages on %s', (dialect) => {
  let server: TestServer
  let dist: FakeDist
  beforeAll(async () => {
    dist = await createFakeDist()
    server = await createTestServer(dialect, { staticDir: dist.dir })
  })
  afterAll(async () => {
    await server.close()
    await dist.remove()
  })

  it('answers every public short URL with public.html, re-checked on each visit, under the CSP', async () => {
    for (const prefix of PUBLIC_ENTRY_PREFIXES) {
      const url = `${prefix}demo-t1-v1?from=poster`
      const response = await server.app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(200)
      expect(response.headers['content-type'], url).toMatch(/^text\/html/)
      expect(response.headers['cache-control'], url).toBe('no-cache')
      expect(response.headers['content-security-policy'], url).toContain("script-src 'self'")
      expect(response.body, url).toBe(PUBLIC_HTML)
    }
  })

  it('leaves the signed-in app its own paths, the older public pages included', async () => {
    for (const url of ['/', '/issues/42', '/gs/demo-t1', '/c/track', '/wall']) {
      const response = await server.app.inject({ method: 'GET', url })
      expect(response.body, url).toBe(INDEX_HTML)
    }
  })
})

const PEOPLE = [
  'villageCadre',
  'siblingVillageCadre',
  'gridWorker',
  'township',
  'county',
] as const satisfies readonly Person[]
const KIND = 'disclosure'

function financePayload(overrides: Record<string, unknown> = {}) {
  return {
    category: 'village_finance',
    title: '第三季度村级财务收支公开',
    body: '本季度收支如下。',
    table: { columns: ['项目', '金额（元）'], rows: [['村道维修', '46800']] },
    photos: [],
    periodFrom: '2026-07-01',
    periodTo: '2026-09-30',
    ...overrides,
  }
}

describe.each(DIALECTS)('the 双公开 wall and disclosures on %s', (dialect) => {
  let server: TestServer
  let as: Awaited<ReturnType<typeof loginAll>>
  const wall = (unitId: string) =>
    server.app.inject({ method: 'GET', url: `/api/public/wall/${unitId}` })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  it('shows a published disclosure on its village wall and its grids’, nothing personal, never a draft', async () => {
    const published = newRecordId()
    const draft = newRecordId()
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(KIND, published, 'create', financePayload()),
    )
    await pushApplied(server.app, as('villageCadre'), mutation(KIND, published, 'publish', {}))
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(KIND, draft, 'create', financePayload({ title: '尚未发布的草稿' })),
    )
    for (const unitId of ['demo-t1-v1', 'demo-t1-v1-g1']) {
      const response = await wall(unitId)
      expect(response.statusCode, unitId).toBe(200)
      const body = response.json<PublicWall>()
      expect(body.unitId).toBe('demo-t1-v1')
      expect(body.townshipId).toBe('demo-t1')
      expect(body.disclosures.map((d) => d.id)).toEqual([published])
      expect(body.disclosures[0]?.table?.rows).toEqual([['村道维修', '46800']])
      expect(personalFieldsIn(body)).toEqual([])
      expect(response.body).not.toContain('尚未发布的草稿')
    }
    // The sibling village's wall and the township's own show none of it.
    expect((await wall('demo-t1-v2')).json<PublicWall>().disclosures).toEqual([])
    expect((await wall('demo-t1')).json<PublicWall>().disclosures).toEqual([])
    for (const unitId of ['demo-county', 'demo-dept-1', 'no-such-unit']) {
      expect((await wall(unitId)).statusCode, unitId).toBe(404)
    }
  })

  it('takes a withdrawn disclosure off the wall at once, and keeps an archived one under 往期', async () => {
    const withdrawn = newRecordId()
    const archived = newRecordId()
    for (const id of [withdrawn, archived]) {
      await pushApplied(
        server.app,
        as('township'),
        mutation(KIND, id, 'create', financePayload({ category: 'farm_policy' })),
      )
      await pushApplied(server.app, as('township'), mutation(KIND, id, 'publish', {}))
    }
    expect((await wall('demo-t1')).json<PublicWall>().disclosures).toHaveLength(2)
    const refused = await pushOne(
      server.app,
      as('township'),
      mutation(KIND, withdrawn, 'withdraw', {}),
    )
    expect(refused.status).toBe('rejected')
    await pushApplied(
      server.app,
      as('township'),
      mutation(KIND, withdrawn, 'withdraw', { reason: '金额填错，更正后重发' }),
    )
    await pushApplied(server.app, as('township'), mutation(KIND, archived, 'archive', {}))
    const body = (await wall('demo-t1')).json<PublicWall>()
    expect(body.disclosures.map((d) => [d.id, d.isArchived])).toEqual([[archived, true]])
    expect(JSON.stringify(body)).not.toContain('金额填错')
  })

  it('lets only the unit’s own cadre or township staff publish, for their own unit', async () => {
    const id = newRecordId()
    const byGrid = await pushOne(
      server.app,
      as('gridWorker'),
      mutation(KIND, id, 'create', financePayload()),
    )
    expect(byGrid).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
    // The unit is the author's own, whatever the payload says.
    const record = await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(KIND, id, 'create', financePayload({ unit: '/demo-county/demo-t2/' })),
    )
    expect(record.data).toMatchObject({ unit: '/demo-county/demo-t1/demo-t1-v1/', status: 'draft' })
    const bySibling = await pushOne(
      server.app,
      as('siblingVillageCadre'),
      mutation(KIND, id, 'publish', {}),
    )
    expect(bySibling.status).toBe('rejected')
    const byTownship = await pushOne(server.app, as('township'), mutation(KIND, id, 'publish', {}))
    expect(byTownship).toMatchObject({ status: 'rejected', code: 'out_of_scope' })
  })

  it('refuses the wall past the per-address budget under a parallel burst, exactly at the limit', async () => {
    const extra = 20
    const answers = await Promise.all(
      Array.from({ length: MAX_PUBLIC_READS_PER_IP + extra }, () =>
        server.app.inject({
          method: 'GET',
          url: '/api/public/wall/demo-t1-v2',
          remoteAddress: '203.0.113.7',
        }),
      ),
    )
    const statuses = answers.map((answer) => answer.statusCode)
    // Earlier tests read from the default address, so this one starts with its whole budget.
    expect(statuses.filter((status) => status === 200)).toHaveLength(MAX_PUBLIC_READS_PER_IP)
    expect(statuses.filter((status) => status === 429)).toHaveLength(extra)
    const refused = answers.find((answer) => answer.statusCode === 429)
    expect(refused?.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('tells township staff which of their stations have not published a category in its period', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/disclosures/gaps',
      headers: { cookie: as('township') },
    })
    expect(response.statusCode).toBe(200)
    const body = response.json<{
      stations: Array<{ unitId: string; missing: Array<{ key: string }> }>
    }>()
    const v1 = body.stations.find((station) => station.unitId === 'demo-t1-v1')
    // 柳河村 published its finances this quarter (the first test): every other category is missing.
    expect(v1?.missing.map((m) => m.key)).not.toContain('village_finance')
    expect(v1?.missing.map((m) => m.key)).toContain('social_assistance')
    expect(body.stations.map((s) => s.unitId)).toContain('demo-t1-v2')
    expect(body.stations.every((s) => s.unitId.startsWith('demo-t1'))).toBe(true)
    const denied = await server.app.inject({
      method: 'GET',
      url: '/api/disclosures/gaps',
      headers: { cookie: as('villageCadre') },
    })
    expect(denied.statusCode).toBe(403)
  })

  it('counts the gaps in the supervision figures and scores a station by them', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/supervision?period=quarter&at=2026-Q3',
      headers: { cookie: as('township') },
    })
    expect(response.statusCode, response.body).toBe(200)
    const { total, areas } = response.json<SupervisionView>()
    const row = (id: string) => areas.find((area) => area.unit.id === id)
    const due = BUILTIN_CATEGORIES.length
    // 柳河村 published its finances (the first test); its sibling village nothing.
    const v1 = row('demo-t1-v1')?.disclosures
    expect(v1?.due).toBe(due)
    expect(v1?.missing).toBeLessThan(due)
    expect(row('demo-t1-v2')?.disclosures).toEqual({ due, missing: due })
    // The township's total: each village's pairs and the township's own.
    expect(total.disclosures.due).toBe((areas.length + 1) * due)
    const part = (id: string) =>
      scoreUnit(row(id) ?? total, DEFAULT_STANDARDS).parts.find((p) => p.indicator === 'disclosure')
    expect(part('demo-t1-v1')?.value).toBeCloseTo((due - (v1?.missing ?? 0)) / due)
    expect(part('demo-t1-v2')).toMatchObject({ value: 0, points: 0 })
  })
})
