/**
 * A discussion day held today with one accepted matter on it, set up through
 * the real sync API: for the e2e files that start from such a day (the
 * printed minutes, the signed sign-in list), whose planning screens are walked
 * elsewhere (meeting-offline, field-fixes).
 */
import { chinaDate } from '#shared/calendar/working-days.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { samplePlan, sampleTopic } from '#shared/meeting/meeting.fixtures.ts'
import { PATHS } from '../../support/demo-county.ts'
import { memoMutation } from '../../support/memo-kind.ts'
import { pushApplied, type loginAll } from '../../support/sync-client.ts'
import type { E2eEnv } from './e2e-env.ts'

/**
 * The grid worker reports `title` as issue `issueId`, the village cadre
 * accepts it and plans meeting `meetingId` for today with it as the one topic.
 * `as` must hold both people's cookies (`loginAll`).
 */
export async function planDayToday(
  env: E2eEnv,
  as: Awaited<ReturnType<typeof loginAll>>,
  { issueId, meetingId, title }: { issueId: string; meetingId: string; title: string },
): Promise<void> {
  await pushApplied(
    env.app,
    as('gridWorker'),
    memoMutation(issueId, 'create', sampleCreatePayload({ title }), { kind: 'issue' }),
  )
  await pushApplied(
    env.app,
    as('villageCadre'),
    memoMutation(issueId, 'transition', { action: 'accept' }, { kind: 'issue', baseVersion: 1 }),
  )
  const plan = samplePlan({
    date: chinaDate(new Date().toISOString()),
    mediators: [],
    topics: [sampleTopic({ issueId, orgPath: PATHS.g1, title })],
  })
  await pushApplied(
    env.app,
    as('villageCadre'),
    memoMutation(meetingId, 'create', plan, { kind: 'meeting' }),
  )
}
