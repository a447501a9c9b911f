/**
 * The demo mediator pool (解事员人才库): a dozen members across the three
 * levels of the demo county, written as synced records of kind 'mediator'.
 */
import type { Kysely } from 'kysely'
import { MEDIATOR_KIND, mediatorKind } from '#shared/meeting/mediator.kind.ts'
import {
  levelOfPath,
  mediatorDataSchema,
  type MediatorData,
} from '#shared/meeting/mediator.schema.ts'
import { demoUserId } from '../auth/demo-accounts.seed.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { isUniqueViolation } from '../db/db-errors.ts'
import { demoCounty, demoPhone } from '../org/demo-county.seed.ts'
import { recordKey, saveRecord } from '../sync/record.repository.ts'

/** A demo pool member: where, who, and the demo account it is linked to (if any). */
interface DemoMediator {
  unit: string
  name: string
  types: MediatorData['types']
  expertise: MediatorData['expertise']
  affiliation?: string
  phone?: string
  honour?: string
}

const DEMO_POOL: readonly DemoMediator[] = [
  {
    unit: 'demo-county',
    name: '县解事员·钱老（演示）',
    phone: demoPhone(0, 0, 0, 3),
    types: ['five_elders', 'people_mediator'],
    expertise: ['land', 'neighbour_dispute', 'social_security'],
    honour: '优秀解事员',
  },
  {
    unit: 'demo-county',
    name: '孙律师（演示）',
    types: ['legal_adviser'],
    expertise: ['land', 'housing', 'employment'],
    affiliation: '县公共法律服务中心',
  },
  {
    unit: 'demo-t1',
    name: '柳河镇·解事员（演示）',
    phone: demoPhone(1, 0, 0, 3),
    types: ['party_cadre'],
    expertise: ['infrastructure', 'environment'],
  },
  {
    unit: 'demo-t1',
    name: '吴法官（演示）',
    types: ['township_judge'],
    expertise: ['neighbour_dispute', 'land'],
    affiliation: '县法院柳河法庭',
  },
  {
    unit: 'demo-t1',
    name: '郑检察官（演示）',
    types: ['township_procurator'],
    expertise: ['social_security'],
  },
  {
    unit: 'demo-t1-v1',
    name: '柳河村·解事员（演示）',
    phone: demoPhone(1, 1, 0, 3),
    types: ['people_mediator', 'courtyard_head'],
    expertise: ['infrastructure', 'neighbour_dispute'],
    honour: '优秀解事员',
  },
  {
    unit: 'demo-t1-v1',
    name: '陈老师（演示）',
    types: ['five_elders'],
    expertise: ['education', 'elderly_care'],
    affiliation: '退休教师',
  },
  {
    unit: 'demo-t1-v1',
    name: '刘警官（演示）',
    types: ['village_police'],
    expertise: ['neighbour_dispute'],
  },
  {
    unit: 'demo-t1-v2',
    name: '杏花村·解事员（演示）',
    phone: demoPhone(1, 2, 0, 3),
    types: ['new_sage'],
    expertise: ['land'],
  },
  {
    unit: 'demo-t2',
    name: '青石乡·解事员（演示）',
    phone: demoPhone(2, 0, 0, 3),
    types: ['legal_worker'],
    expertise: ['employment', 'social_security'],
  },
  {
    unit: 'demo-t2-v1',
    name: '石桥村·解事员（演示）',
    phone: demoPhone(2, 1, 0, 3),
    types: ['grid_worker', 'legal_literate'],
    expertise: ['environment'],
  },
  {
    unit: 'demo-t3',
    name: '东湖街道·解事员（演示）',
    phone: demoPhone(3, 0, 0, 3),
    types: ['resident_work_team'],
    expertise: ['housing'],
  },
]

/** The record id of the n-th demo pool member (a fixed UUID, so seeding twice finds it). */
export function demoMediatorId(index: number): string {
  return `0190a000-0000-7000-8000-${String(index + 1).padStart(12, '0')}`
}

/**
 * Writes the demo pool as synced records (the same rows a push writes, so
 * devices pull them like any record). Idempotent. Kept apart from
 * `seedDemoCounty` so that sync tests with their own kinds see no records.
 */
export async function seedDemoMediatorPool(db: Kysely<DatabaseSchema>) {
  const { units } = demoCounty()
  const now = new Date().toISOString()
  let added = 0
  for (const [index, member] of DEMO_POOL.entries()) {
    const unit = units.find((candidate) => candidate.id === member.unit)
    if (!unit) throw new Error(`demo pool: unknown unit ${member.unit}`)
    const id = demoMediatorId(index)
    const key = recordKey(MEDIATOR_KIND, id)
    if (await db.selectFrom('sync_record').select('key').where('key', '=', key).executeTakeFirst())
      continue
    const level = levelOfPath(unit.path)
    if (!level) throw new Error(`demo pool: ${member.unit} is not a pool level`)
    const data = mediatorDataSchema.parse({
      name: member.name,
      types: member.types,
      expertise: member.expertise,
      ...(member.affiliation ? { affiliation: member.affiliation } : {}),
      ...(member.phone ? { userId: demoUserId(member.phone) } : {}),
      orgPath: unit.path,
      level,
      isActive: true,
      trainings: [{ date: '2026-03-15', title: '解事员集中轮训（演示）', hours: 8 }],
      assessments: [{ year: 2025, grade: member.honour ? 'excellent' : 'competent' }],
      honours: member.honour ? [{ year: 2025, title: member.honour }] : [],
      createdAt: now,
      updatedAt: now,
    } satisfies MediatorData)
    try {
      await saveRecord(
        db,
        {
          key,
          kind: MEDIATOR_KIND,
          id,
          version: 1,
          org_path: unit.path,
          data: JSON.stringify(data),
          created_at: now,
          updated_at: now,
        },
        {
          isNew: true,
          audience: mediatorKind.audience(data),
          previousAudience: [],
          attachments: [],
        },
      )
      added += 1
    } catch (error) {
      // Two servers seeding at once: the first one's row stands.
      if (!isUniqueViolation(error)) throw error
    }
  }
  return { mediatorsAdded: added }
}
