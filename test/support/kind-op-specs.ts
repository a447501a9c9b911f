/**
 * The catalogue the sync property test draws from: every record kind's
 * operations, each with its payload schema and a valid payload to start
 * from, and the standing records that non-create operations aim at.
 * A new kind or operation is added here.
 */
import {
  campaignCreateSchema,
  conclusionInputSchema,
  formCreateSchema,
} from '#shared/assessment/assessment.schema.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { ISSUE_ACTION_PAYLOADS } from '#shared/issue/issue.payloads.ts'
import { ISSUE_ACTIONS } from '#shared/issue/issue.schema.ts'
import { issueCaptureUpdateSchema, issueCreateSchema } from '#shared/issue/issue.capture.schema.ts'
import {
  mediatorAssessmentSchema,
  mediatorCreateSchema,
  mediatorHonourSchema,
  mediatorTrainingSchema,
  mediatorUpdateSchema,
} from '#shared/meeting/mediator.schema.ts'
import { samplePlan, sampleTopic } from '#shared/meeting/meeting.fixtures.ts'
import {
  amendmentSchema,
  meetingCreateSchema,
  meetingPlanUpdateSchema,
  meetingRecordSchema,
} from '#shared/meeting/meeting.schema.ts'
import { interpretationInputSchema, policyCreateSchema } from '#shared/policy/policy.schema.ts'
import { CONSULTATION_SPECS, LIVELIHOOD_SPECS } from './kind-op-specs.records.ts'
import { OVERSIGHT_SPECS } from './kind-op-specs.oversight.ts'
import { campaignPayload, freshDocumentNumber, policyPayload } from './assessment-fixtures.ts'
import { PATHS } from './demo-county.ts'
import { LATER, standing, TODAY, YEAR, type KindSpec, type OpSpec } from './kind-op-standing.ts'

export { LATER, standing, TODAY, YEAR, type KindSpec, type OpSpec }

/** Every kind's operations. */
export const SPECS: KindSpec[] = [
  {
    kind: 'issue',
    author: 'villageCadre',
    ops: [
      {
        op: 'create',
        schema: issueCreateSchema,
        base: () => sampleCreatePayload({ photos: [] }),
        isCreate: true,
      },
      {
        op: 'update',
        schema: issueCaptureUpdateSchema,
        base: () => ({ title: '村口路灯修好一盏' }),
      },
      ...ISSUE_ACTIONS.map((action) => ({
        op: 'transition',
        schema: ISSUE_ACTION_PAYLOADS[action],
        base: () => ({ action }),
      })),
    ],
  },
  {
    kind: 'meeting',
    author: 'villageCadre',
    ops: [
      {
        op: 'create',
        schema: meetingCreateSchema,
        base: () =>
          samplePlan({
            date: TODAY,
            mediators: [],
            topics: [sampleTopic({ issueId: standing.issue, orgPath: PATHS.g1 })],
          }),
        isCreate: true,
      },
      { op: 'update_plan', schema: meetingPlanUpdateSchema, base: () => ({ place: '村委会' }) },
      { op: 'record', schema: meetingRecordSchema, base: () => ({}) },
      { op: 'sign_off', schema: null, base: () => ({}) },
      { op: 'amend', schema: amendmentSchema.pick({ text: true }), base: () => ({ text: '补正' }) },
      { op: 'cancel', schema: null, base: () => ({ reason: '下雨' }) },
    ],
  },
  {
    kind: 'mediator',
    author: 'villageCadre',
    ops: [
      {
        op: 'create',
        schema: mediatorCreateSchema,
        base: () => ({
          name: '王五',
          types: ['people_mediator'],
          expertise: ['neighbour_dispute'],
          orgPath: PATHS.v1,
        }),
        isCreate: true,
      },
      { op: 'update', schema: mediatorUpdateSchema, base: () => ({ affiliation: '一组' }) },
      {
        op: 'add_training',
        schema: mediatorTrainingSchema,
        base: () => ({ date: '2026-03-01', title: '调解技巧' }),
      },
      {
        op: 'add_assessment',
        schema: mediatorAssessmentSchema,
        base: () => ({ year: 2025, grade: 'excellent' }),
      },
      {
        op: 'add_honour',
        schema: mediatorHonourSchema,
        base: () => ({ year: 2025, title: '优秀解事员' }),
      },
      { op: 'retire', schema: null, base: () => ({}) },
      { op: 'reinstate', schema: null, base: () => ({}) },
    ],
  },
  {
    kind: 'policy',
    author: 'department',
    ops: [
      {
        op: 'create',
        schema: policyCreateSchema,
        base: () => policyPayload({ documentNumber: freshDocumentNumber() }),
        isCreate: true,
      },
      {
        op: 'record_interpretation',
        schema: interpretationInputSchema,
        base: () => ({ heldOn: TODAY, place: '说事站', interpreter: '李科长', attendance: 30 }),
      },
    ],
  },
  {
    kind: 'assessment_campaign',
    author: 'county',
    ops: [
      {
        op: 'create',
        schema: campaignCreateSchema,
        base: () => campaignPayload(standing.policy, { villages: [PATHS.v1], grids: [PATHS.g1] }),
        isCreate: true,
      },
      { op: 'close', schema: null, base: () => ({}) },
    ],
  },
  {
    kind: 'assessment_form',
    author: 'gridWorker',
    ops: [
      {
        op: 'create',
        schema: formCreateSchema,
        base: () => ({
          villagePath: PATHS.v1,
          scores: { effect: 4, satisfaction: 4, operability: 3, reasonableness: 5 },
          shortcomings: '',
          risks: '',
          suggestions: '减少证明材料',
          campaignId: standing.campaign,
          issuingDepartment: PATHS.dept1,
          channel: 'assisted',
        }),
        isCreate: true,
      },
      { op: 'withdraw', schema: null, base: () => ({ reason: '录错了' }) },
    ],
  },
  {
    kind: 'post_evaluation',
    author: 'department',
    ops: [
      {
        op: 'create',
        schema: null,
        base: () => ({ campaignId: standing.campaign }),
        isCreate: true,
      },
      {
        op: 'conclude',
        schema: conclusionInputSchema,
        base: () => ({ decision: 'adjust', reasons: '群众意见较多' }),
      },
    ],
  },
  ...CONSULTATION_SPECS,
  ...LIVELIHOOD_SPECS,
  ...OVERSIGHT_SPECS,
]

/** The standing record a non-create operation of each kind aims at. */
export const STANDING_OF: Record<string, string> = {
  issue: standing.issue,
  meeting: standing.meeting,
  mediator: standing.mediator,
  policy: standing.policy,
  assessment_campaign: standing.campaign,
  assessment_form: standing.form,
  post_evaluation: standing.campaign,
  consultation: standing.consultation,
  opinion: standing.opinion,
  participation_catalogue: standing.catalogue,
  livelihood_item: standing.livelihood,
  livelihood_ranking: standing.ranking,
}
