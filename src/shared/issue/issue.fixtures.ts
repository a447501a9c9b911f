/**
 * Test fixtures for issue reports: actors placed in the demo county's tree
 * (src/server/db/seed.ts) and a typical capture. Imported by tests only.
 */
import { pathIds } from '../org/org-path.ts'
import type { Role } from '../auth/roles.ts'
import type { Actor } from '../sync/record-kind.ts'

/** Paths of the demo county that the tests use. */
export const DEMO_PATHS = {
  county: '/demo-county/',
  township: '/demo-county/demo-t1/',
  otherTownship: '/demo-county/demo-t2/',
  village: '/demo-county/demo-t1/demo-t1-v1/',
  siblingVillage: '/demo-county/demo-t1/demo-t1-v2/',
  grid: '/demo-county/demo-t1/demo-t1-v1/demo-t1-v1-g1/',
  siblingGrid: '/demo-county/demo-t1/demo-t1-v1/demo-t1-v1-g2/',
  otherVillageGrid: '/demo-county/demo-t1/demo-t1-v2/demo-t1-v2-g1/',
  department: '/demo-county/demo-dept-1/',
  otherDepartment: '/demo-county/demo-dept-2/',
} as const

/** The grid unit id of `DEMO_PATHS.grid`. */
export const DEMO_GRID_ID = 'demo-t1-v1-g1'

/** 10:00 on Tuesday 2025-09-30 in China, the eve of National Day. */
export const EVE_OF_NATIONAL_DAY = '2025-09-30T02:00:00.000Z'

function demoActor(role: Role, path: string, userName: string): Actor {
  const unit = pathIds(path).at(-1) ?? ''
  return {
    userId: `user-${role}-${unit}`,
    userName,
    role,
    orgUnitId: unit,
    orgPath: path,
    at: EVE_OF_NATIONAL_DAY,
  }
}

/** One actor per role and place, named as in the demo county. */
export const DEMO_ACTORS = {
  gridWorker: demoActor('grid_worker', DEMO_PATHS.grid, '柳河村第一网格·网格员'),
  siblingGridWorker: demoActor('grid_worker', DEMO_PATHS.siblingGrid, '柳河村第二网格·网格员'),
  otherVillageGridWorker: demoActor(
    'grid_worker',
    DEMO_PATHS.otherVillageGrid,
    '杏花村第一网格·网格员',
  ),
  villageCadre: demoActor('village_cadre', DEMO_PATHS.village, '柳河村·村干部'),
  siblingVillageCadre: demoActor('village_cadre', DEMO_PATHS.siblingVillage, '杏花村·村干部'),
  villageMediator: demoActor('mediator', DEMO_PATHS.village, '柳河村·解事员'),
  townshipStaff: demoActor('township_staff', DEMO_PATHS.township, '柳河镇·干部'),
  otherTownshipStaff: demoActor('township_staff', DEMO_PATHS.otherTownship, '青石乡·干部'),
  townshipMediator: demoActor('mediator', DEMO_PATHS.township, '柳河镇·解事员'),
  countyStaff: demoActor('county_staff', DEMO_PATHS.county, '县中心·周敏'),
  countyMediator: demoActor('mediator', DEMO_PATHS.county, '县解事员·钱老'),
  admin: demoActor('admin', DEMO_PATHS.county, '管理员'),
  departmentStaff: demoActor('department_staff', DEMO_PATHS.department, '县民政局·经办人'),
  otherDepartmentStaff: demoActor(
    'department_staff',
    DEMO_PATHS.otherDepartment,
    '县人社局·经办人',
  ),
} as const satisfies Record<string, Actor>

/** `actor` acting at `at` (an ISO instant). */
export function actingAt(actor: Actor, at: string): Actor {
  return { ...actor, at }
}

/** A typical capture: a broken streetlight reported by a named resident. */
export function sampleCapture(): Record<string, unknown> {
  return {
    isAnonymous: false,
    resident: { name: '张三丰', phone: '13812341234' },
    channel: 'grid_visit',
    category: 'public_interest',
    tags: ['infrastructure'],
    title: '村口路灯不亮',
    description: '村口到小学的三盏路灯坏了半个月，晚上孩子放学看不清路。',
    place: '柳河村村口',
    gpsConsent: true,
    gps: { lat: 31.95, lng: 108.66, accuracy: 12 },
    photos: ['a'.repeat(64)],
    urgency: 'normal',
    isPrivate: false,
    discussable: { verdict: 'discussable' },
  }
}

/** The 'create' payload for `sampleCapture` in the demo grid. */
export function sampleCreatePayload(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...sampleCapture(), gridId: DEMO_GRID_ID, orgPath: DEMO_PATHS.grid, ...overrides }
}
