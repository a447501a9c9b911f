/**
 * A small county history for the supervision tests, in 2026-Q3, whose
 * figures are counted by hand in test/integration/supervision.test.ts: four
 * issue reports (a fifth in Q4 that the quarter must not count), four
 * discussion days, three forms, three policies and two post-evaluations.
 */
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '#server/db/database-schema.ts'
import {
  formData,
  issueData,
  meetingData,
  policyData,
  postEvaluationData,
  writeRecord,
} from '#server/supervision/record-builders.ts'
import { PATHS } from './demo-county.ts'

const v1 = PATHS.v1
const v2 = PATHS.v2
const t2v1 = `${PATHS.county}demo-t2/demo-t2-v1/`

export async function writeSupervisionFixture(db: Kysely<DatabaseSchema>): Promise<void> {
  const issue = async (...args: Parameters<typeof issueData>) => {
    await writeRecord(db, 'issue', args[0].id, issueData(...args))
  }
  // A: answered by the village in 2 working days, closed satisfied.
  await issue({
    id: 'fx-a',
    gridPath: PATHS.g1,
    category: 'personal',
    channel: 'grid_visit',
    title: '邻里纠纷',
    steps: [
      { action: 'register', to: 'registered', on: '2026-07-01' },
      { action: 'accept', to: 'accepted', on: '2026-07-01', unitPath: v1 },
      { action: 'resolve_locally', to: 'awaiting_feedback', on: '2026-07-03', unitPath: v1 },
      { action: 'feedback', to: 'closed', on: '2026-07-06', satisfaction: 'satisfied' },
    ],
  })
  // B: accepted late, escalated, dispatched to dept-1, replied late (25 working days), 基本满意.
  await issue({
    id: 'fx-b',
    gridPath: PATHS.g2,
    category: 'public_interest',
    channel: 'station',
    title: '道路破损',
    department: PATHS.dept1,
    steps: [
      { action: 'register', to: 'registered', on: '2026-07-06' },
      { action: 'accept', to: 'accepted', on: '2026-07-10', unitPath: v1 },
      { action: 'escalate', to: 'escalated', on: '2026-07-13', unitPath: v1 },
      { action: 'dispatch', to: 'dispatched', on: '2026-07-14', unitPath: PATHS.t1 },
      { action: 'reply', to: 'awaiting_feedback', on: '2026-08-10', unitPath: PATHS.dept1 },
      { action: 'feedback', to: 'closed', on: '2026-08-11', satisfaction: 'basically_satisfied' },
    ],
  })
  // C: never accepted (due 2026-08-05): overdue at the accept stage.
  await issue({
    id: 'fx-c',
    gridPath: PATHS.v2g1,
    category: 'administrative',
    channel: 'online',
    title: '证明办理',
    steps: [{ action: 'register', to: 'registered', on: '2026-08-03' }],
  })
  // D (another township): answered in 1 day, reopened dissatisfied, overdue at the village since 09-10.
  await issue({
    id: 'fx-d',
    gridPath: PATHS.t2g1,
    category: 'personal',
    channel: 'phone_call',
    title: '宅基地界线',
    steps: [
      { action: 'register', to: 'registered', on: '2026-09-01' },
      { action: 'accept', to: 'accepted', on: '2026-09-01', unitPath: t2v1 },
      { action: 'resolve_locally', to: 'awaiting_feedback', on: '2026-09-02', unitPath: t2v1 },
      { action: 'feedback', to: 'accepted', on: '2026-09-03', satisfaction: 'dissatisfied' },
    ],
  })
  // E: in Q4, outside the quarter.
  await issue({
    id: 'fx-e',
    gridPath: PATHS.g1,
    category: 'personal',
    channel: 'walk_in',
    title: '季度外',
    steps: [{ action: 'register', to: 'registered', on: '2026-10-09' }],
  })

  const meeting = (facts: Parameters<typeof meetingData>[0]) =>
    writeRecord(db, 'meeting', facts.id, meetingData(facts))
  await meeting({
    id: 'fx-m1',
    orgPath: v1,
    date: '2026-07-15',
    status: 'signed_off',
    outcomes: ['resolved', 'deferred'],
    mediators: 1,
  })
  await meeting({
    id: 'fx-m2',
    orgPath: v1,
    date: '2026-08-15',
    status: 'held',
    outcomes: ['agreed'],
    mediators: 2,
  })
  await meeting({
    id: 'fx-m3',
    orgPath: v2,
    date: '2026-09-10',
    status: 'cancelled',
    outcomes: [null],
    mediators: 1,
  })
  await meeting({
    id: 'fx-m4',
    orgPath: v1,
    date: '2026-08-20',
    status: 'held',
    outcomes: ['escalated'],
    mediators: 0,
  })

  const form = (facts: Parameters<typeof formData>[0]) =>
    writeRecord(db, 'assessment_form', facts.id, formData(facts))
  await form({
    id: 'fx-f1',
    villagePath: v1,
    department: PATHS.dept1,
    on: '2026-07-20',
    satisfaction: 5,
  })
  await form({
    id: 'fx-f2',
    villagePath: v1,
    department: PATHS.dept1,
    on: '2026-07-21',
    satisfaction: 2,
  })
  await form({
    id: 'fx-f3',
    villagePath: v2,
    department: PATHS.dept1,
    on: '2026-07-22',
    satisfaction: 5,
    withdrawn: true,
  })

  const policy = (facts: Parameters<typeof policyData>[0]) =>
    writeRecord(db, 'policy', facts.id, policyData(facts))
  await policy({
    id: 'fx-p1',
    department: PATHS.dept1,
    title: '按时解读的政策',
    issueDate: '2026-07-01',
    interpretedOn: ['2026-07-20'],
  })
  await policy({
    id: 'fx-p2',
    department: PATHS.dept1,
    title: '逾期未解读的政策',
    issueDate: '2026-08-03',
    interpretedOn: [],
  })
  await policy({
    id: 'fx-p3',
    department: PATHS.dept2,
    title: '解读迟了的政策',
    issueDate: '2026-09-01',
    interpretedOn: ['2026-10-20'],
  })

  const postEvaluation = (facts: Parameters<typeof postEvaluationData>[0]) =>
    writeRecord(db, 'post_evaluation', facts.id, postEvaluationData(facts))
  await postEvaluation({
    id: 'fx-pe1',
    department: PATHS.dept1,
    title: '后评估一',
    openedOn: '2026-08-20',
    concluded: true,
  })
  await postEvaluation({
    id: 'fx-pe2',
    department: PATHS.dept2,
    title: '后评估二',
    openedOn: '2026-09-05',
    concluded: false,
  })
}
