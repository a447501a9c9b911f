/**
 * Who is who in the demo county (src/server/org/demo-county.seed.ts), for tests that act
 * as several people at once. Phones encode the place: 139 00 T V G 0 RR.
 */
export const PHONES = {
  /** the system admin, at the county centre */
  admin: '13900000099',
  /** mediator (解事员) of the county centre */
  countyMediator: '13900000003',
  /** grid worker of demo-t1-v1-g1 */
  gridWorker: '13900111001',
  /** grid worker of the sibling grid demo-t1-v1-g2 */
  siblingGridWorker: '13900112001',
  /** grid worker of demo-t1-v2-g1, in the sibling village */
  otherVillageGridWorker: '13900121001',
  /** grid worker of demo-t2-v1-g1, in another township */
  otherTownshipGridWorker: '13900211001',
  /** village cadre of demo-t1-v1 */
  villageCadre: '13900110002',
  /** mediator (解事员) of village demo-t1-v1 */
  villageMediator: '13900110003',
  /** village cadre of the sibling village demo-t1-v2 */
  siblingVillageCadre: '13900120002',
  /** mediator (解事员) of the sibling village demo-t1-v2 */
  siblingVillageMediator: '13900120003',
  /** township staff of demo-t1 */
  township: '13900100004',
  /** mediator (解事员) of township demo-t1 */
  townshipMediator: '13900100003',
  /** township staff of demo-t2, another township */
  otherTownship: '13900200004',
  /** village cadre of demo-t2-v1, in another township */
  otherTownshipVillageCadre: '13900210002',
  /** mediator (解事员) of demo-t2-v1, in another township */
  otherTownshipVillageMediator: '13900210003',
  /** village cadre of demo-t2-v2, in another township */
  otherTownshipSiblingVillageCadre: '13900220002',
  /** village cadre of demo-t3-v1, in the third township */
  thirdTownshipVillageCadre: '13900310002',
  /** grid worker of demo-t3-v1-g1, in the third township */
  thirdTownshipGridWorker: '13900311001',
  /** grid worker of demo-t3-v1-g2, in the third township */
  thirdTownshipSiblingGridWorker: '13900312001',
  /** village cadre of demo-t3-v2, in the third township */
  thirdTownshipSiblingVillageCadre: '13900320002',
  /** grid worker of demo-t3-v2-g1, in the third township */
  thirdTownshipOtherVillageGridWorker: '13900321001',
  /** grid worker of demo-t3-v2-g2, in the third township */
  thirdTownshipOtherVillageSiblingGridWorker: '13900322001',
  /** county centre staff */
  county: '13900000005',
  /** department staff of demo-dept-1 */
  department: '13900910006',
  /** department staff of demo-dept-2 */
  otherDepartment: '13900920006',
  /** department staff of demo-dept-3 (住房和城乡建设局) */
  thirdDepartment: '13900930006',
  /** deputy (县人大代表) at demo-deputy-1, linked to demo-t1-v1 and demo-t1-v2 by the tests */
  deputy: '13900810007',
  /** another deputy (县政协委员) at demo-deputy-2 */
  otherDeputy: '13900820007',
  /** department staff of demo-dept-6 (县司法局: enforcement supervision and review body) */
  justiceBureau: '13900960006',
} as const
export type Person = keyof typeof PHONES

/**
 * Not an account: shaped like a demo phone (a grid worker of demo-t1-v2 with
 * no grid), for tests of what an unknown phone gets.
 */
export const UNKNOWN_DEMO_PHONE = '13900120001'

const county = '/demo-county/'
const t1 = `${county}demo-t1/`
const v1 = `${t1}demo-t1-v1/`
const v2 = `${t1}demo-t1-v2/`

export const PATHS = {
  county,
  t1,
  v1,
  g1: `${v1}demo-t1-v1-g1/`,
  g2: `${v1}demo-t1-v1-g2/`,
  v2,
  v2g1: `${v2}demo-t1-v2-g1/`,
  t2g1: `${county}demo-t2/demo-t2-v1/demo-t2-v1-g1/`,
  t3: `${county}demo-t3/`,
  dept1: `${county}demo-dept-1/`,
  dept2: `${county}demo-dept-2/`,
  deputy: `${county}demo-deputy-1/`,
  otherDeputy: `${county}demo-deputy-2/`,
  justiceBureau: `${county}demo-dept-6/`,
} as const

/** The user id the seed gives a demo account. */
export function userIdOf(person: Person): string {
  return `demo-user-${PHONES[person]}`
}
