/**
 * The demo county: fictional names, clearly marked 演示. Seeding is idempotent:
 * units and users that already exist are left as they are.
 */
import type { Kysely } from 'kysely'
import type { Role } from '#shared/auth/roles.ts'
import { childPath, rootPath } from '#shared/org/org-path.ts'
import type { OrgTier, OrgUnit } from '#shared/org/org.schema.ts'
import { MEDIATOR_KIND, mediatorKind } from '#shared/meeting/mediator.kind.ts'
import {
  levelOfPath,
  mediatorDataSchema,
  type MediatorData,
} from '#shared/meeting/mediator.schema.ts'
import type { DatabaseSchema } from './database-schema.ts'
import { isUniqueViolation } from './db-errors.ts'
import { recordKey, saveRecord } from '../sync/record.repository.ts'
import { hashPassword } from '../auth/password.ts'
import type { DiscussableItem } from '#shared/discussable/discussable-list.ts'
import { findUserByPhone, insertOrgUnit, insertUser } from '../org/org.repository.ts'
import { insertItem } from '../discussable/discussable.repository.ts'

/** Every demo account shares this password; README lists the accounts. */
export const DEMO_PASSWORD = 'Shuoshi2026'

export interface DemoAccount {
  phone: string
  name: string
  role: Role
  orgUnitId: string
}

interface DemoCounty {
  units: OrgUnit[]
  accounts: DemoAccount[]
}

const TOWNSHIPS = [
  { name: '柳河镇', villages: ['柳河村', '杏花村'] },
  { name: '青石乡', villages: ['石桥村', '青山村'] },
  { name: '东湖街道', villages: ['东湖社区', '南湾社区'] },
]
const DEPARTMENTS = [
  '县民政局',
  '县人力资源和社会保障局',
  '县住房和城乡建设局',
  '县农业农村局',
  '县卫生健康局',
]
const GRIDS = ['第一网格', '第二网格']

/** A starting discussable-items list for every demo township, in the seed's terms. */
const DEMO_LIST: readonly Omit<
  DiscussableItem,
  'id' | 'townshipId' | 'updatedAt' | 'updatedByName'
>[] = [
  {
    title: '村内道路、路灯、水渠等公益设施的建设与维护',
    verdict: 'discussable',
    basis: null,
    keywords: ['路灯', '道路', '水渠', '修路', '桥'],
    tags: ['infrastructure'],
    note: '',
  },
  {
    title: '村容村貌与人居环境整治',
    verdict: 'discussable',
    basis: null,
    keywords: ['垃圾', '污水', '环境', '卫生', '乱堆'],
    tags: ['environment'],
    note: '',
  },
  {
    title: '集体经济收益分配与公益事业筹资筹劳',
    verdict: 'discussable',
    basis: null,
    keywords: ['分红', '集体收益', '筹资', '一事一议'],
    tags: ['other'],
    note: '',
  },
  {
    title: '邻里纠纷的协商调解',
    verdict: 'discussable',
    basis: null,
    keywords: ['邻居', '邻里', '占道', '宅基地界'],
    tags: ['neighbour_dispute'],
    note: '',
  },
  {
    title: '土地征收补偿标准',
    verdict: 'not_discussable',
    basis: 'law',
    keywords: ['征地', '征收', '补偿标准'],
    tags: ['land'],
    note: '由《土地管理法》及省市规定确定，可向乡镇说事处反映、由部门解读',
  },
  {
    title: '养老保险、医保缴费标准与待遇',
    verdict: 'not_discussable',
    basis: 'party_policy',
    keywords: ['养老保险', '医保', '缴费标准', '社保'],
    tags: ['social_security'],
    note: '按国家政策执行，可申请政策解读',
  },
  {
    title: '涉嫌违法犯罪的事项',
    verdict: 'not_discussable',
    basis: 'beyond_autonomy',
    keywords: ['打人', '盗窃', '诈骗', '赌博'],
    tags: [],
    note: '超出村民自治范围，依法移交公安机关',
  },
]

/**
 * Phone numbers encode the place: 139 00 T V G 0 RR (township, village, grid,
 * role). Departments use 139 009 D 0006 (D = department number).
 */
function demoPhone(township: number, village: number, grid: number, role: number): string {
  return `13900${township}${village}${grid}0${String(role).padStart(2, '0')}`
}

/** Builds the demo county's tree and accounts (pure; `seedDemoCounty` writes it). */
export function demoCounty(): DemoCounty {
  const units: OrgUnit[] = []
  const accounts: DemoAccount[] = []
  const add = (parent: OrgUnit | null, id: string, tier: OrgTier, name: string): OrgUnit => {
    const unit: OrgUnit = {
      id,
      parentId: parent?.id ?? null,
      tier,
      name,
      path: parent ? childPath(parent.path, id) : rootPath(id),
    }
    units.push(unit)
    return unit
  }
  const county = add(null, 'demo-county', 'county', '清河县（演示）说事中心')
  accounts.push(
    { phone: demoPhone(0, 0, 0, 99), name: '管理员（演示）', role: 'admin', orgUnitId: county.id },
    {
      phone: demoPhone(0, 0, 0, 5),
      name: '县中心·周敏（演示）',
      role: 'county_staff',
      orgUnitId: county.id,
    },
    {
      phone: demoPhone(0, 0, 0, 3),
      name: '县解事员·钱老（演示）',
      role: 'mediator',
      orgUnitId: county.id,
    },
  )
  DEPARTMENTS.forEach((name, index) => {
    const dept = add(county, `demo-dept-${index + 1}`, 'department', `${name}（演示）`)
    accounts.push({
      phone: `139009${index + 1}0006`,
      name: `${name}·经办人（演示）`,
      role: 'department_staff',
      orgUnitId: dept.id,
    })
  })
  TOWNSHIPS.forEach((township, t) => {
    const tu = add(county, `demo-t${t + 1}`, 'township', `${township.name}说事处（演示）`)
    accounts.push(
      {
        phone: demoPhone(t + 1, 0, 0, 4),
        name: `${township.name}·干部（演示）`,
        role: 'township_staff',
        orgUnitId: tu.id,
      },
      {
        phone: demoPhone(t + 1, 0, 0, 3),
        name: `${township.name}·解事员（演示）`,
        role: 'mediator',
        orgUnitId: tu.id,
      },
    )
    township.villages.forEach((villageName, v) => {
      const vu = add(tu, `demo-t${t + 1}-v${v + 1}`, 'village', `${villageName}说事站（演示）`)
      accounts.push(
        {
          phone: demoPhone(t + 1, v + 1, 0, 2),
          name: `${villageName}·村干部（演示）`,
          role: 'village_cadre',
          orgUnitId: vu.id,
        },
        {
          phone: demoPhone(t + 1, v + 1, 0, 3),
          name: `${villageName}·解事员（演示）`,
          role: 'mediator',
          orgUnitId: vu.id,
        },
      )
      GRIDS.forEach((gridName, g) => {
        const gu = add(
          vu,
          `demo-t${t + 1}-v${v + 1}-g${g + 1}`,
          'grid',
          `${villageName}${gridName}说事点（演示）`,
        )
        accounts.push({
          phone: demoPhone(t + 1, v + 1, g + 1, 1),
          name: `${villageName}${gridName}·网格员（演示）`,
          role: 'grid_worker',
          orgUnitId: gu.id,
        })
      })
    })
  })
  return { units, accounts }
}

/** Writes the demo county; safe to run any number of times. Returns what it added. */
export async function seedDemoCounty(db: Kysely<DatabaseSchema>) {
  const { units, accounts } = demoCounty()
  const now = new Date().toISOString()
  for (const unit of units) await insertOrgUnit(db, unit, now)
  let added = 0
  // One hash for all demo accounts: they share a published password anyway,
  // and hashing once per account would slow every test that seeds a database.
  let passwordHash: string | undefined
  for (const account of accounts) {
    if (await findUserByPhone(db, account.phone)) continue
    passwordHash ??= await hashPassword(DEMO_PASSWORD)
    // Two servers seeding one empty database at once: the unique index decides.
    added += await insertUser(
      db,
      { id: `demo-user-${account.phone}`, ...account, passwordHash },
      now,
      {
        ifAbsent: true,
      },
    )
  }
  for (const township of units.filter((unit) => unit.tier === 'township')) {
    for (const [index, item] of DEMO_LIST.entries()) {
      await insertItem(
        db,
        {
          ...item,
          keywords: [...item.keywords],
          tags: [...item.tags],
          id: `demo-list-${township.id}-${index + 1}`,
          townshipId: township.id,
          updatedAt: now,
          updatedByName: '演示数据',
        },
        { ifAbsent: true },
      )
    }
  }
  return { units: units.length, accountsAdded: added }
}

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
 * The demo mediator pool (解事员人才库): a dozen members across the three levels,
 * written as synced records of kind 'mediator' (the same rows a push writes,
 * so devices pull them like any record). Idempotent. Kept apart from
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
      ...(member.phone ? { userId: `demo-user-${member.phone}` } : {}),
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
