/**
 * A demo consultation for the demo county: the civil affairs department's
 * draft on rural elderly meal subsidies, open for 60 days to township 1,
 * with two opinions from the public page. Written through the ordinary
 * write path with fixed ids, so seeding twice changes nothing.
 */
import { CONSULTATION_KIND } from '#shared/consultation/consultation.kind.ts'
import { addCalendarDays } from '#shared/consultation/consultation.rules.ts'
import { OPINION_KIND, PUBLIC_OPINION_ACTOR_ID } from '#shared/consultation/opinion.kind.ts'
import { publicOpinionPayload } from '#shared/consultation/opinion.kind.ts'
import { systemAuth } from '../assessment/system-actor.ts'
import { demoSeed } from '../db/demo-seed.ts'
import { seedMutation } from '../sync/system-change.ts'

/** The demo consultation's id. */
export const DEMO_CONSULTATION_ID = '0195b1c0-0000-7000-8000-00000000c001'
const DEPT = '/demo-county/demo-dept-1/'
const T1 = '/demo-county/demo-t1/'

/** Writes the demo consultation and its opinions (idempotent); false without the demo county. */
export const seedDemoConsultation = demoSeed(DEPT, async ({ database, today, apply }) => {
  const publicPage = await systemAuth(database.db, PUBLIC_OPINION_ACTOR_ID, '网上征求意见', DEPT)
  if (!publicPage) return false
  await apply([
    seedMutation(
      '0195b1c0-0000-7000-8000-00000000c101',
      CONSULTATION_KIND,
      DEMO_CONSULTATION_ID,
      'create',
      {
        title: '清河县农村老年助餐补贴办法（征求意见稿·演示）',
        type: 'normative_document',
        domain: 'elderly_care',
        department: DEPT,
        background: '农村留守老人吃饭难，部分村已自办老年食堂，需统一补贴标准。',
        basis: '《中华人民共和国老年人权益保障法》《县“十四五”养老服务体系规划》',
        draftText:
          '第一条 为保障农村老年人就餐需求，制定本办法。\n第二条 年满70周岁的本县农村户籍老人在村老年食堂就餐，每餐补贴3元。\n第三条 补贴由县民政局按季度拨付到村。',
        qa: [
          {
            question: '谁能领补贴？',
            answer: '年满70周岁、本县农村户籍、在村老年食堂就餐的老人。',
          },
          { question: '怎么领？', answer: '不用申请，到村老年食堂吃饭时直接按补贴后的价格付钱。' },
        ],
        concerns: [T1],
        opensOn: today,
        closesOn: addCalendarDays(today, 60),
      },
    ),
    seedMutation(
      '0195b1c0-0000-7000-8000-00000000c102',
      CONSULTATION_KIND,
      DEMO_CONSULTATION_ID,
      'open',
      {},
    ),
  ])
  const opinions = [
    {
      village: '/demo-county/demo-t1/demo-t1-v1/',
      text: '建议补贴年龄降到65岁，很多65岁的老人也一个人在家。',
    },
    {
      village: '/demo-county/demo-t1/demo-t1-v2/',
      text: '行动不便的老人去不了食堂，能不能送餐上门？',
    },
  ]
  await apply(
    opinions.map(({ village, text }, index) =>
      seedMutation(
        `0195b1c0-0000-7000-8000-00000000c2${index}1`,
        OPINION_KIND,
        `0195b1c0-0000-7000-8000-00000000c3${index}1`,
        'create',
        {
          ...publicOpinionPayload({
            consultationId: DEMO_CONSULTATION_ID,
            department: DEPT,
            text,
            heardOn: today,
            villagePath: village,
            resident: null,
            trackingHash: null,
          }),
        },
      ),
    ),
    publicPage,
  )
  return true
})
