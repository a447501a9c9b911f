/**
 * The scripted day of the work-desk walk (test/e2e/work-desk.test.ts): what
 * people do today goes through the real sync API as their devices would push
 * it; what happened weeks ago (the matters now overdue) is written the way
 * the issue-list bench writes history — applied by the real issue kind at
 * past instants and saved with the server's own `saveRecord` — because the
 * server stamps every pushed change with its own clock.
 */
import { uuidv7 } from 'uuidv7'
import { expect } from 'vitest'
import { issueKind, ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import type { IssueData } from '#shared/issue/issue.schema.ts'
import type { Actor } from '#shared/sync/record-kind.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { demoCounty } from '#server/org/demo-county.seed.ts'
import { recordKey, saveRecord } from '#server/sync/record.repository.ts'
import { PHONES, type Person } from '../../support/demo-county.ts'
import { push } from '../../support/sync-client.ts'
import type { E2eEnv } from './e2e-env.ts'

const DAY_MS = 24 * 3_600_000

/** A change as a device would push it. */
export function change(
  kind: string,
  recordId: string,
  op: string,
  payload: Record<string, unknown>,
  baseVersion = 0,
): Mutation {
  return {
    id: uuidv7(),
    kind,
    recordId,
    op,
    payload,
    baseVersion,
    seq: 0,
    deviceId: 'work-desk-e2e',
    createdAt: new Date().toISOString(),
  }
}

/** Pushes `person`'s changes through the API; every one must apply. */
export async function pushAs(env: E2eEnv, person: Person, ...changes: Mutation[]): Promise<void> {
  const cookie = await env.login(PHONES[person])
  const results = await push(env.app, cookie, changes)
  expect(results.map((result) => result.status)).toEqual(changes.map(() => 'applied'))
}

/** A demo person as the issue kind sees an actor, acting `daysAgo` days before now. */
function actor(person: Person, daysAgo: number): Actor {
  const { units, accounts } = demoCounty()
  const account = accounts.find((candidate) => candidate.phone === PHONES[person])
  const unit = units.find((candidate) => candidate.id === account?.orgUnitId)
  if (!account || !unit) throw new Error(`no demo account ${person}`)
  return {
    userId: `demo-user-${account.phone}`,
    userName: account.name,
    role: account.role,
    orgUnitId: unit.id,
    orgPath: unit.path,
    at: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
  }
}

/**
 * Writes an issue of the demo grid registered `daysAgo` days ago by the grid
 * worker, then moved by `steps` ([person, action, payload], each a day
 * later), into the server's sync tables. Returns its id.
 */
export async function pastIssue(
  env: E2eEnv,
  title: string,
  daysAgo: number,
  steps: ReadonlyArray<readonly [Person, string, Record<string, unknown>]> = [],
): Promise<string> {
  let data: IssueData = issueKind.apply(
    null,
    { op: 'create', payload: sampleCreatePayload({ title }), baseVersion: 0 },
    actor('gridWorker', daysAgo),
  )
  steps.forEach(([person, action, payload], index) => {
    data = issueKind.apply(
      data,
      { op: 'transition', payload: { ...payload, action }, baseVersion: data.events.length },
      actor(person, daysAgo - index - 1),
    )
  })
  data = issueKind.schema.parse(data)
  const id = uuidv7()
  const audience = issueKind.audience(data)
  await saveRecord(
    env.database.db,
    {
      key: recordKey(ISSUE_KIND, id),
      kind: ISSUE_KIND,
      id,
      version: data.events.length,
      org_path: audience[0] ?? data.orgPath,
      data: JSON.stringify(data),
      created_at: data.createdAt,
      updated_at: data.events.at(-1)?.at ?? data.createdAt,
    },
    { isNew: true, audience, previousAudience: [], attachments: [] },
  )
  return id
}

/** The demo pool member linked to `person`'s account. */
export async function poolMemberOf(
  env: E2eEnv,
  person: Person,
): Promise<{ mediatorId: string; name: string; level: string; userId: string }> {
  const userId = `demo-user-${PHONES[person]}`
  const rows = await env.database.db
    .selectFrom('sync_record')
    .select(['id', 'data'])
    .where('kind', '=', 'mediator')
    .execute()
  for (const row of rows) {
    const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as {
      userId?: string
      name: string
      level: string
    }
    if (data.userId === userId)
      return { mediatorId: row.id, name: data.name, level: data.level, userId }
  }
  throw new Error(`${person} is not in the demo pool`)
}
