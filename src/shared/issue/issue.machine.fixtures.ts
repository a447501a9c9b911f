/**
 * Helpers of the issue machine's tests: a registered report, an action taken
 * by a demo actor, the refusal a call throws, and reports at each stage
 * (`scheduledForMeeting`: on the discussion day 'meeting-1' of 2025-10-20).
 * Imported by tests only.
 */
import type { Actor } from '../sync/record-kind.ts'
import {
  DEMO_ACTORS,
  DEMO_PATHS,
  EVE_OF_NATIONAL_DAY,
  actingAt,
  sampleCreatePayload,
} from './issue.fixtures.ts'
import { issueKind } from './issue.kind.ts'
import { transition } from './issue.machine.ts'
import type { IssueData } from './issue.schema.ts'
export { refusalOf } from '../sync/record-kind.fixtures.ts'

const { gridWorker, villageCadre, townshipStaff } = DEMO_ACTORS

export function register(
  at = EVE_OF_NATIONAL_DAY,
  overrides: Record<string, unknown> = {},
): IssueData {
  return issueKind.apply(
    null,
    { op: 'create', payload: sampleCreatePayload(overrides), baseVersion: 0 },
    actingAt(gridWorker, at),
  )
}

export function act(
  data: IssueData,
  actor: Actor,
  action: string,
  payload: Record<string, unknown> = {},
  at = EVE_OF_NATIONAL_DAY,
) {
  return transition(data, action, payload, actingAt(actor, at))
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

export const accepted = () => act(register(), villageCadre, 'accept')
export const escalated = () =>
  act(accepted(), villageCadre, 'escalate', { reason: '涉及村道改造，村里无力解决' })
export const dispatched = () =>
  act(escalated(), townshipStaff, 'dispatch', { department: DEMO_PATHS.department })
export const awaitingFeedback = () =>
  act(accepted(), villageCadre, 'resolve_locally', { resolution: '已联系电工，三盏路灯已修复' })
export const scheduledForMeeting = () =>
  act(accepted(), villageCadre, 'schedule_meeting', {
    meetingId: 'meeting-1',
    meetingDate: '2025-10-20',
  })
