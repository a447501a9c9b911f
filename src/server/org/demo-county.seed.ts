/**
 * The demo county's tree and who works where: fictional names, clearly marked
 * 演示. `demoCounty()` is pure, so tests and benches can read the same county
 * the seed writes; the accounts themselves are written by
 * `auth/demo-accounts.seed.ts`.
 */
import type { Kysely } from 'kysely'
import type { Role } from '#shared/auth/roles.ts'
import { childPath, rootPath } from '#shared/org/org-path.ts'
import type { OrgTier, OrgUnit } from '#shared/org/org.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { insertOrgUnit } from './org.repository.ts'

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
  // The enforcement-supervision and review body (docs/oversight.md).
  '县司法局',
]
const GRIDS = ['第一网格', '第二网格']
/** Deputies (两代表一委员), each at their own unit; phones 139 008 N 0007. */
const DEPUTIES = ['县人大代表·王建国', '县政协委员·李秀兰']

/**
 * Phone numbers encode the place: 139 00 T V G 0 RR (township, village, grid,
 * role). Departments use 139 009 D 0006 (D = department number).
 */
export function demoPhone(township: number, village: number, grid: number, role: number): string {
  return `13900${township}${village}${grid}0${String(role).padStart(2, '0')}`
}

/** Builds the demo county's tree and accounts (pure; the seed writes it). */
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
  DEPUTIES.forEach((name, index) => {
    const unit = add(county, `demo-deputy-${index + 1}`, 'deputy', `${name}（演示）`)
    accounts.push({
      phone: `139008${index + 1}0007`,
      name: `${name}（演示）`,
      role: 'deputy',
      orgUnitId: unit.id,
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

/** Writes the demo units; a unit that already exists is left as it is. */
export async function seedDemoOrg(
  db: Kysely<DatabaseSchema>,
  units: readonly OrgUnit[],
  now: string,
): Promise<void> {
  for (const unit of units) await insertOrgUnit(db, unit, now)
}
