import { describe, expect, it } from 'vitest'
import { POLICY_KIND } from '../policy/policy.kind.ts'
import { interpretationSessions } from './interpretation-sessions.ts'

const day = {
  date: '2025-10-20',
  place: '柳河村说事站',
  signIn: { count: 23, representatives: [], sheetPhotos: [] },
  policies: [
    {
      policyId: 'policy-1',
      title: '清河县农村路灯管护办法',
      interpretedBy: '县住建局·李工',
      interpretation: '路灯由村里报修，镇里七日内修复',
    },
  ],
}
const held = new Map([['policy-1', { issueDate: '2025-10-01' }]])
const TODAY = '2025-10-21'

describe('interpretation sessions of a signed-off day', () => {
  it('records one session on each linked, held policy with an interpreter', () => {
    expect(interpretationSessions('meeting-1', day, held, TODAY)).toEqual([
      {
        kind: POLICY_KIND,
        recordId: 'policy-1',
        op: 'record_interpretation',
        payload: {
          heldOn: '2025-10-20',
          place: '柳河村说事站',
          interpreter: '县住建局·李工',
          attendance: 23,
          meetingId: 'meeting-1',
          note: '路灯由村里报修，镇里七日内修复',
        },
      },
    ])
  })

  it('counts no attendance and no note when the day has none', () => {
    const bare = {
      ...day,
      signIn: null,
      policies: [{ policyId: 'policy-1', title: '办法', interpretedBy: '李工' }],
    }
    const [session] = interpretationSessions('meeting-1', bare, held, TODAY)
    expect(session?.payload).toMatchObject({ attendance: 0, note: '' })
  })

  it('leaves out a policy typed in by title only, one not held, and one with no interpreter', () => {
    const policies = [
      { title: '只有名称的政策' },
      { policyId: 'policy-elsewhere', title: '本机没有的政策', interpretedBy: '王科长' },
      { policyId: 'policy-1', title: '清河县农村路灯管护办法' },
    ]
    expect(interpretationSessions('meeting-1', { ...day, policies }, held, TODAY)).toEqual([])
  })

  it('leaves out a policy issued after the day, and a day still ahead', () => {
    const later = new Map([['policy-1', { issueDate: '2025-10-21' }]])
    expect(interpretationSessions('meeting-1', day, later, TODAY)).toEqual([])
    expect(interpretationSessions('meeting-1', day, held, '2025-10-19')).toEqual([])
  })

  it('counts a day held on the policy issue date and one held today', () => {
    const sameDay = new Map([['policy-1', { issueDate: '2025-10-20' }]])
    expect(interpretationSessions('meeting-1', day, sameDay, '2025-10-20')).toHaveLength(1)
  })
})
