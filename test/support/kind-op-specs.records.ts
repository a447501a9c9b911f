/**
 * The sync property test's specs of the consultation (#15) and livelihood
 * (#16) kinds, beside kind-op-specs.ts which lists them with the others.
 */
import { uuidv7 } from 'uuidv7'
import {
  catalogueCreateSchema,
  catalogueEntriesInputSchema,
  catalogueLinkInputSchema,
} from '#shared/consultation/catalogue.schema.ts'
import {
  consultationCreateSchema,
  consultationUpdateSchema,
  decisionInputSchema,
  exemptionInputSchema,
  sessionInputSchema,
} from '#shared/consultation/consultation.schema.ts'
import {
  answerInputSchema,
  classifyInputSchema,
  opinionCreateSchema,
} from '#shared/consultation/opinion.schema.ts'
import { LIVELIHOOD_PAYLOADS } from '#shared/livelihood/livelihood.payloads.ts'
import { livelihoodProposalSchema } from '#shared/livelihood/livelihood.schema.ts'
import {
  rankingBallotSchema,
  rankingCreateSchema,
  rankingTallySchema,
} from '#shared/livelihood/ranking.schema.ts'
import { PATHS } from './demo-county.ts'
import { LATER, standing, TODAY, YEAR, type KindSpec } from './kind-op-standing.ts'

/** The standing livelihood items' names (a ranking's candidates repeat them). */
export const ITEM_NAMES = ['柳河村通组道路硬化', '柳河村饮水管网改造'] as const

/** A consultation of the department, open from today for sixty days. */
export const consultationBase = () => ({
  title: '农村老年助餐补贴办法（征求意见稿）',
  type: 'major_decision',
  domain: 'elderly_care',
  department: PATHS.dept1,
  background: '农村留守老人吃饭难。',
  basis: '《老年人权益保障法》',
  draftText: '第一条 为保障农村老年人基本生活，制定本办法。',
  qa: [],
  attachments: [],
  concerns: [PATHS.t1],
  opensOn: TODAY,
  closesOn: LATER,
})

/** A livelihood proposal of the township standing on `source`. */
export const proposalBase = (source: string, name: string = ITEM_NAMES[0]) => ({
  name,
  description: '村东三个组的土路雨天泥泞，拟硬化1.2公里。',
  place: '柳河村东片',
  year: YEAR,
  sourceIssueIds: [source],
})

const catalogueEntries = () => [
  { id: 'e1', title: '农村老年助餐补贴办法', department: PATHS.dept1, plannedQuarter: 1 },
]

/** The consultation kinds' operations. */
export const CONSULTATION_SPECS: KindSpec[] = [
  {
    kind: 'consultation',
    author: 'department',
    ops: [
      { op: 'create', schema: consultationCreateSchema, base: consultationBase, isCreate: true },
      { op: 'update', schema: consultationUpdateSchema, base: () => ({ title: '助餐补贴办法' }) },
      { op: 'open', schema: null, base: () => ({}) },
      { op: 'close', schema: null, base: () => ({}) },
      {
        op: 'record_session',
        schema: sessionInputSchema,
        base: () => ({ id: uuidv7(), heldOn: TODAY, attendance: 30, host: '李科长', note: '' }),
      },
      { op: 'finish_answers', schema: null, base: () => ({}) },
      {
        op: 'exempt',
        schema: exemptionInputSchema,
        base: () => ({ ground: 'urgent', reason: '防汛紧急', approver: '王县长' }),
      },
      { op: 'submit_for_review', schema: null, base: () => ({}) },
      {
        op: 'decide',
        schema: decisionInputSchema,
        base: () => ({ result: '通过', implementationPlan: '明年起实施', policyId: null }),
      },
    ],
  },
  {
    kind: 'opinion',
    author: 'gridWorker',
    ops: [
      {
        op: 'create',
        schema: opinionCreateSchema,
        base: () => ({
          consultationId: standing.consultation,
          department: PATHS.dept1,
          channel: 'hearing',
          heardOn: TODAY,
          text: '建议把助餐补贴年龄降到65岁。',
          resident: { name: '李大娘', phone: '13812341234' },
          meetingId: null,
          sessionId: null,
          villagePath: null,
          trackingHash: null,
        }),
        isCreate: true,
      },
      { op: 'classify', schema: classifyInputSchema, base: () => ({ themes: ['补贴标准'] }) },
      {
        op: 'answer',
        schema: answerInputSchema,
        base: () => ({ verdict: 'not_adopted', reason: '财力有限' }),
      },
    ],
  },
  {
    kind: 'participation_catalogue',
    author: 'county',
    ops: [
      {
        op: 'create',
        schema: catalogueCreateSchema,
        base: () => ({ year: 2031, entries: catalogueEntries() }),
        isCreate: true,
      },
      {
        op: 'set_entries',
        schema: catalogueEntriesInputSchema,
        base: () => ({ entries: catalogueEntries() }),
      },
      { op: 'publish', schema: null, base: () => ({}) },
      {
        op: 'link',
        schema: catalogueLinkInputSchema,
        base: () => ({ entryId: 'e1', consultationId: standing.consultation }),
      },
    ],
  },
]

/** The livelihood kinds' operations. */
export const LIVELIHOOD_SPECS: KindSpec[] = [
  {
    kind: 'livelihood_item',
    author: 'township',
    ops: [
      {
        op: 'create',
        schema: livelihoodProposalSchema,
        base: () => proposalBase(standing.issue, '村口路灯更换'),
        isCreate: true,
      },
      { op: 'edit', schema: LIVELIHOOD_PAYLOADS.edit, base: () => ({ place: '柳河村西片' }) },
      {
        op: 'plan',
        schema: LIVELIHOOD_PAYLOADS.plan,
        base: () => ({
          responsibleUnit: PATHS.dept1,
          estimatedCost: 36.5,
          fundingSource: '县级财政衔接资金',
          plannedStart: TODAY,
          plannedCompletion: LATER,
          milestones: [{ name: '完成设计', plannedOn: LATER }],
        }),
      },
      { op: 'submit', schema: LIVELIHOOD_PAYLOADS.submit, base: () => ({ note: '' }) },
      { op: 'accept', schema: LIVELIHOOD_PAYLOADS.accept, base: () => ({ note: '' }) },
      {
        op: 'merge',
        schema: LIVELIHOOD_PAYLOADS.merge,
        base: () => ({ intoItemId: standing.livelihood2, reason: '同一条路' }),
      },
      {
        op: 'absorb',
        schema: LIVELIHOOD_PAYLOADS.absorb,
        base: () => ({
          fromItemId: standing.livelihood2,
          name: ITEM_NAMES[1],
          township: PATHS.t1,
          sourceIssueIds: [standing.livelihoodSource2],
        }),
      },
      { op: 'return', schema: LIVELIHOOD_PAYLOADS.return, base: () => ({ reason: '资金不足' }) },
      {
        op: 'rank',
        schema: LIVELIHOOD_PAYLOADS.rank,
        base: () => ({
          method: 'meeting',
          position: 1,
          of: 2,
          votes: null,
          rankedOn: TODAY,
          meetingId: null,
          note: '',
        }),
      },
      {
        op: 'progress',
        schema: LIVELIHOOD_PAYLOADS.progress,
        base: () => ({ date: TODAY, percent: 10, note: '已开工', photos: [] }),
      },
      {
        op: 'milestone',
        schema: LIVELIHOOD_PAYLOADS.milestone,
        base: () => ({ milestoneId: '1', doneOn: TODAY, note: '' }),
      },
      {
        op: 'delay',
        schema: LIVELIHOOD_PAYLOADS.delay,
        base: () => ({ reason: '雨季停工', newCompletion: LATER }),
      },
      {
        op: 'complete',
        schema: LIVELIHOOD_PAYLOADS.complete,
        base: () => ({
          completedOn: TODAY,
          acceptedOn: TODAY,
          acceptors: '镇政府、村民代表',
          conclusion: '验收合格',
          photos: [],
        }),
      },
      {
        op: 'cancel',
        schema: LIVELIHOOD_PAYLOADS.cancel,
        base: () => ({ reason: '已由上级实施' }),
      },
    ],
  },
  {
    kind: 'livelihood_ranking',
    author: 'villageCadre',
    ops: [
      {
        op: 'create',
        schema: rankingCreateSchema,
        base: () => ({
          orgPath: PATHS.v1,
          title: '2026年柳河村开单排序',
          channel: 'ballot',
          meetingId: null,
          candidates: [
            { itemId: standing.livelihood, title: ITEM_NAMES[0] },
            { itemId: standing.livelihood2, title: ITEM_NAMES[1] },
          ],
          maxChoices: 1,
        }),
        isCreate: true,
      },
      {
        op: 'tally',
        schema: rankingTallySchema,
        base: () => ({
          votes: [
            { itemId: standing.livelihood, votes: 3 },
            { itemId: standing.livelihood2, votes: 2 },
          ],
          voters: 5,
        }),
      },
      {
        op: 'ballot',
        schema: rankingBallotSchema,
        base: () => ({ choices: [standing.livelihood] }),
      },
      { op: 'close', schema: null, base: () => ({}) },
    ],
  },
]
