import { describe, expect, it } from 'vitest'
import { audienceReaches } from '../org/org-path.ts'
import type { Actor } from '../sync/record-kind.ts'
import { interpretationDeadline, interpretationStatus } from './interpretation.ts'
import { policyKind } from './policy.kind.ts'
import type { PolicyCreateInput, PolicyData } from './policy.schema.ts'
import { refusalCodeOf } from '../sync/record-kind.fixtures.ts'

const DEPT = '/demo-county/demo-dept-1/'
const VILLAGE = '/demo-county/demo-t1/demo-t1-v1/'

function actor(fields: Partial<Actor> = {}): Actor {
  return {
    userId: 'u-dept',
    userName: '民政局经办人',
    role: 'department_staff',
    orgUnitId: 'demo-dept-1',
    orgPath: DEPT,
    at: '2025-10-09T02:00:00.000Z',
    ...fields,
  }
}

const INPUT: PolicyCreateInput = {
  title: '农村低保动态管理办法',
  documentNumber: '清民发〔2025〕12号',
  issuingDepartment: DEPT,
  issueDate: '2025-09-26',
  summary: '规范低保申请、复核和退出。',
  domains: ['social_security'],
  concerns: [VILLAGE],
}

function register(input: PolicyCreateInput = INPUT, by: Actor = actor()): PolicyData {
  return policyKind.apply(null, { op: 'create', payload: { ...input }, baseVersion: 0 }, by)
}

describe('interpretation deadline (issue date + 20 working days)', () => {
  it('skips the National Day holiday and counts the make-up Sundays and Saturdays', () => {
    // 2025-09-28 (Sun) and 2025-10-11 (Sat) are make-up working days; Oct 1–8 are off.
    expect(interpretationDeadline('2025-09-26')).toEqual({ date: '2025-10-30', isEstimate: false })
  })

  it('skips the Spring Festival 2026 and counts its make-up Saturdays', () => {
    // Feb 15–23 off; Feb 14 and Feb 28 (Saturdays) are worked.
    expect(interpretationDeadline('2026-02-06')).toEqual({ date: '2026-03-12', isEstimate: false })
  })

  it('says the deadline is an estimate when it runs into a year without published holidays', () => {
    expect(interpretationDeadline('2026-12-20').isEstimate).toBe(true)
  })

  it('is stored on the policy when it is registered', () => {
    expect(register().interpretationDeadline).toEqual({ date: '2025-10-30', isEstimate: false })
  })
})

describe('interpretation status', () => {
  const policy = register()
  const session = {
    place: '柳河村说事站',
    interpreter: '民政局 王科长',
    attendance: 40,
    meetingId: null,
    note: '',
    recordedBy: 'u',
    recordedByName: 'u',
    recordedAt: '2025-10-20T00:00:00Z',
  }

  it('is pending up to and including the deadline, and overdue the day after', () => {
    expect(interpretationStatus(policy, '2025-10-30')).toBe('pending')
    expect(interpretationStatus(policy, '2025-10-31')).toBe('overdue')
  })

  it('is on time with a session on the deadline, late with a first session after it', () => {
    const onTime = { ...policy, interpretations: [{ ...session, heldOn: '2025-10-30' }] }
    const late = { ...policy, interpretations: [{ ...session, heldOn: '2025-11-03' }] }
    expect(interpretationStatus(onTime, '2026-01-01')).toBe('on_time')
    expect(interpretationStatus(late, '2026-01-01')).toBe('late')
  })
})

describe('policy kind', () => {
  it('lets a department register only its own policies', () => {
    expect(
      refusalCodeOf(() => register({ ...INPUT, issuingDepartment: '/demo-county/demo-dept-2/' })),
    ).toBe('out_of_scope')
  })

  it('lets county staff register for any department, and refuses a grid worker', () => {
    const county = actor({
      role: 'county_staff',
      orgPath: '/demo-county/',
      orgUnitId: 'demo-county',
    })
    expect(register(INPUT, county).registeredBy).toBe('u-dept')
    expect(refusalCodeOf(() => register(INPUT, actor({ role: 'grid_worker' })))).toBe(
      'forbidden_role',
    )
  })

  it('sends the policy to the department and the stations concerned', () => {
    expect(policyKind.audience(register())).toEqual([DEPT, `${VILLAGE}*`])
  })

  it('appends interpretation sessions recorded by a village cadre from a discussion day', () => {
    const cadre = actor({ role: 'village_cadre', orgPath: VILLAGE, userId: 'u-cadre' })
    const next = policyKind.apply(
      register(),
      {
        op: 'record_interpretation',
        payload: {
          heldOn: '2025-10-09',
          place: '柳河村说事站',
          interpreter: '民政局 王科长',
          attendance: 35,
          meetingId: 'meeting-1',
        },
        baseVersion: 1,
      },
      cadre,
    )
    expect(next.interpretations).toMatchObject([{ attendance: 35, recordedBy: 'u-cadre' }])
  })

  it('refuses a session dated before the issue date or in the future', () => {
    const payload = { place: '站', interpreter: '王', attendance: 1 }
    const at = (heldOn: string) => () =>
      policyKind.apply(
        register(),
        { op: 'record_interpretation', payload: { ...payload, heldOn }, baseVersion: 1 },
        actor(),
      )
    expect(refusalCodeOf(at('2025-09-01'))).toBe('invalid_payload')
    expect(refusalCodeOf(at('2025-12-01'))).toBe('invalid_payload')
  })
})

describe('who holds a policy', () => {
  it('reaches the concerned units and every station and grid below them, not their neighbours', () => {
    const audience = policyKind.audience(register())
    const reaches = (scope: string) => audience.some((path) => audienceReaches(path, scope))
    for (const concerned of INPUT.concerns) {
      expect(reaches(concerned)).toBe(true)
      expect(reaches(`${concerned}some-village/`)).toBe(true)
      expect(reaches(`${concerned}some-village/some-grid/`)).toBe(true)
    }
    expect(reaches(INPUT.issuingDepartment)).toBe(true)
    expect(reaches('/demo-county/')).toBe(true)
    expect(reaches('/demo-county/demo-t9/')).toBe(false)
    expect(reaches('/demo-county/demo-dept-9/')).toBe(false)
  })
})
