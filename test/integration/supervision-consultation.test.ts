/**
 * Consultation answers in supervision (issue #15 item 5) on the real server
 * and both dialects: a department's consultations whose answers fell due in
 * the period, counted from the stored records — one answered on time, one
 * answered after the due day, one with an opinion still unanswered past it.
 * Another department sees none of it; the county sees it on the row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openConsultation, recordOpinion } from '#shared/consultation/consultation.fixtures.ts'
import type { OpinionData } from '#shared/consultation/opinion.schema.ts'
import type { SupervisionView } from '#shared/supervision/figures.ts'
import { writeRecord } from '#server/supervision/record-builders.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PATHS, PHONES, type Person } from '../support/demo-county.ts'

const PEOPLE = ['county', 'department', 'otherDepartment'] as const
const ON_TIME = '3f1d2a4b-1c2d-4e5f-8a9b-0c1d2e3f4a51'
const LATE = '3f1d2a4b-1c2d-4e5f-8a9b-0c1d2e3f4a52'
const UNANSWERED = '3f1d2a4b-1c2d-4e5f-8a9b-0c1d2e3f4a53'

/** The consultation fixture's opinion on `consultationId`, answered at `answeredAt` (or not). */
function opinion(consultationId: string, answeredAt: string | null): OpinionData {
  const data = recordOpinion({ consultationId })
  if (answeredAt === null) return data
  return {
    ...data,
    answer: { verdict: 'adopted', reason: null, answeredAt, answeredBy: 'x', answeredByName: 'x' },
  }
}

describe.each(DIALECTS)('consultation answers in supervision on %s', (dialect) => {
  let server: TestServer
  const cookies = {} as Record<Person, string>
  const consultation = openConsultation()
  const due = consultation.answersDue?.date ?? ''
  // The quarter the answers fell due in (the fixture opens on 2025-09-01).
  const quarter = `period=quarter&at=${due.slice(0, 4)}-Q${Math.ceil(Number(due.slice(5, 7)) / 3)}`

  beforeAll(async () => {
    server = await createTestServer(dialect)
    const { db } = server.database
    for (const id of [ON_TIME, LATE, UNANSWERED])
      await writeRecord(db, 'consultation', id, consultation)
    // Answered at noon China time on the due day: on time.
    await writeRecord(db, 'opinion', crypto.randomUUID(), opinion(ON_TIME, `${due}T04:00:00.000Z`))
    await writeRecord(db, 'opinion', crypto.randomUUID(), opinion(LATE, `${due}T17:00:00.000Z`))
    await writeRecord(db, 'opinion', crypto.randomUUID(), opinion(UNANSWERED, null))
    for (const person of PEOPLE) cookies[person] = await server.login(PHONES[person])
  })
  afterAll(async () => {
    await server.close()
  })

  async function view(person: Person): Promise<SupervisionView> {
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/supervision?${quarter}`,
      headers: { cookie: cookies[person] },
    })
    expect(response.statusCode, response.body).toBe(200)
    return response.json<SupervisionView>()
  }

  it('counts the department’s consultations due in the period, late and unanswered', async () => {
    expect(consultation.department).toBe(PATHS.dept1)
    const { total, departments } = await view('department')
    expect(total.consultations).toEqual({ due: 3, late: 1, unanswered: 1 })
    expect(departments.map((row) => [row.unit.path, row.consultations])).toEqual([
      [PATHS.dept1, { due: 3, late: 1, unanswered: 1 }],
    ])
    const county = await view('county')
    expect(county.departments.find((row) => row.unit.path === PATHS.dept1)?.consultations).toEqual({
      due: 3,
      late: 1,
      unanswered: 1,
    })
  })

  it('shows another department none of it', async () => {
    const { total, departments } = await view('otherDepartment')
    expect(total.consultations).toEqual({ due: 0, late: 0, unanswered: 0 })
    expect(departments.map((row) => row.consultations)).toEqual([
      { due: 0, late: 0, unanswered: 0 },
    ])
  })

  it('counts nothing in a period the answers did not fall due in', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/supervision?period=quarter&at=2026-Q1',
      headers: { cookie: cookies.department },
    })
    expect(response.json<SupervisionView>().total.consultations.due).toBe(0)
  })
})
