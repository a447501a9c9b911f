/**
 * Test fixtures for consultations and opinions in the demo county
 * (issue.fixtures.ts). Imported by tests only.
 */
import { actingAt, DEMO_ACTORS, DEMO_PATHS } from '../issue/issue.fixtures.ts'
import type { Actor } from '../sync/record-kind.ts'
import { consultationKind } from './consultation.kind.ts'
import type { ConsultationCreateInput, ConsultationData } from './consultation.schema.ts'
import { opinionKind } from './opinion.kind.ts'
import type { OpinionCreateInput, OpinionData } from './opinion.schema.ts'

export { actingAt, DEMO_ACTORS, DEMO_PATHS }

/** The id of the sample consultation. */
export const CONSULTATION_ID = '5b0e2c1a-7d3f-4b8e-9a61-2f4c8d9e0a11'

/** A 30-day consultation of the demo department on elderly meal subsidies. */
export function sampleConsultation(
  overrides: Partial<ConsultationCreateInput> = {},
): ConsultationCreateInput {
  return {
    title: '清河县农村老年助餐补贴办法（征求意见稿）',
    type: 'normative_document',
    domain: 'elderly_care',
    department: DEMO_PATHS.department,
    background: '农村留守老人吃饭难，需建立助餐补贴制度。',
    basis: '《中华人民共和国老年人权益保障法》',
    draftText: '第一条 为保障农村老年人基本生活，制定本办法。',
    qa: [{ question: '谁可以领补贴？', answer: '年满70周岁的本县农村户籍老人。' }],
    concerns: [DEMO_PATHS.township],
    opensOn: '2025-09-01',
    closesOn: '2025-10-08',
    ...overrides,
  }
}

/** Runs `op` on `current` as `actor` through the consultation kind. */
export function actOn(
  current: ConsultationData | null,
  op: string,
  payload: Record<string, unknown> = {},
  actor: Actor = DEMO_ACTORS.departmentStaff,
): ConsultationData {
  return consultationKind.apply(current, { op, payload, baseVersion: 0 }, actor)
}

/** The sample consultation, opened on 2025-09-01 by the department. */
export function openConsultation(): ConsultationData {
  const at = actingAt(DEMO_ACTORS.departmentStaff, '2025-09-01T01:00:00.000Z')
  return actOn(actOn(null, 'create', { ...sampleConsultation() }, at), 'open', {}, at)
}

/** An opinion heard at a 恳谈会 in the demo grid. */
export function sampleOpinion(overrides: Partial<OpinionCreateInput> = {}): OpinionCreateInput {
  return {
    consultationId: CONSULTATION_ID,
    department: DEMO_PATHS.department,
    channel: 'hearing',
    heardOn: '2025-09-20',
    text: '建议把助餐补贴年龄降到65岁。',
    resident: { name: '李大娘', phone: '13812341234' },
    ...overrides,
  }
}

/** The sample opinion as recorded by the demo grid worker. */
export function recordOpinion(
  overrides: Partial<OpinionCreateInput> = {},
  actor: Actor = DEMO_ACTORS.gridWorker,
): OpinionData {
  return opinionKind.apply(
    null,
    { op: 'create', payload: { ...sampleOpinion(overrides) }, baseVersion: 0 },
    actor,
  )
}
