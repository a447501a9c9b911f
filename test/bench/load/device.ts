/**
 * A simulated phone for the load benchmark: its own device id, cursor and
 * outbox, speaking the real sync protocol over HTTP. A grid worker's phone
 * reports issues; a village cadre's accepts the village's new reports and
 * then resolves them (real transitions of the issue kind). Every cycle it
 * pushes its outbox, pulls until caught up and sleeps 0.5–2 s. What the
 * server answered is written to the shared `Ledger`.
 */
import { randomUUID } from 'node:crypto'
import { uuidv7 } from 'uuidv7'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { SESSION_COOKIE } from '#server/plugins/auth.ts'
import { PHONES, type Person } from '../../support/demo-county.ts'
import { Connection, type Answer } from './http-client.ts'
import type { Ledger } from './ledger.ts'

const GRID_WORKERS = [
  'gridWorker',
  'siblingGridWorker',
  'otherVillageGridWorker',
  'otherTownshipGridWorker',
  'thirdTownshipGridWorker',
  'thirdTownshipSiblingGridWorker',
  'thirdTownshipOtherVillageGridWorker',
  'thirdTownshipOtherVillageSiblingGridWorker',
] as const satisfies readonly Person[]
const CADRES = [
  'villageCadre',
  'siblingVillageCadre',
  'otherTownshipVillageCadre',
  'thirdTownshipVillageCadre',
  'thirdTownshipSiblingVillageCadre',
] as const satisfies readonly Person[]
/** Device i is the account ACCOUNTS[i % 13]: 8 reporting phones for 5 handling ones. */
export const ACCOUNTS: readonly Person[] = [...GRID_WORKERS, ...CADRES]

export interface Account {
  person: Person
  role: 'grid_worker' | 'village_cadre'
  cookie: string
  /** The unit's path (a grid, or a village). */
  path: string
  unitId: string
  village: string
}

/** Logs each account in once over HTTP; phones of one account share its session. */
export async function loginAccounts(baseUrl: string): Promise<Map<Person, Account>> {
  const accounts = new Map<Person, Account>()
  for (const person of ACCOUNTS) {
    const answer = await new Connection(baseUrl).send('POST', '/api/auth/login', {
      phone: PHONES[person],
      password: DEMO_PASSWORD,
    })
    const session = answer.setCookie.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))
    const me = answer.body as { user: { orgUnitId: string }; orgUnit: { path: string } } | null
    if (answer.status !== 200 || !session || !me) {
      throw new Error(`login as ${person} failed: ${answer.status} ${answer.failure ?? ''}`)
    }
    const path = me.orgUnit.path
    const isGrid = (GRID_WORKERS as readonly Person[]).includes(person)
    accounts.set(person, {
      person,
      role: isGrid ? 'grid_worker' : 'village_cadre',
      cookie: session.split(';')[0]!,
      path,
      unitId: me.user.orgUnitId,
      village: isGrid ? path.replace(/[^/]+\/$/, '') : path,
    })
  }
  return accounts
}

/** Issues waiting for a village's cadres, by village path: reported, then accepted. */
export class VillageWork {
  readonly reported = new Map<string, string[]>()
  readonly accepted = new Map<string, string[]>()

  add(queue: Map<string, string[]>, village: string, id: string): void {
    queue.set(village, [...(queue.get(village) ?? []), id])
  }

  take(queue: Map<string, string[]>, village: string): string | undefined {
    return queue.get(village)?.shift()
  }
}

export const issueCreate = (account: Account, deviceId: string, seq: number): Mutation =>
  mutation(deviceId, seq, randomUUID(), 'create', {
    ...sampleCreatePayload({ gridId: account.unitId, orgPath: account.path, photos: [] }),
    title: `负载测试 ${seq}`,
  })

export const issueTransition = (
  deviceId: string,
  seq: number,
  recordId: string,
  action: 'accept' | 'resolve_locally',
): Mutation =>
  mutation(
    deviceId,
    seq,
    recordId,
    'transition',
    action === 'accept' ? { action } : { action, resolution: '已现场协调解决' },
  )

function mutation(
  deviceId: string,
  seq: number,
  recordId: string,
  op: string,
  payload: Record<string, unknown>,
): Mutation {
  return {
    id: uuidv7(),
    kind: 'issue',
    recordId,
    op,
    payload,
    baseVersion: op === 'create' ? 0 : 1,
    seq,
    deviceId,
    createdAt: new Date().toISOString(),
  }
}

export class Device {
  readonly id = `load-${randomUUID()}`
  readonly outbox: Mutation[] = []
  private cursor: string | null = null
  private seq = 0
  private readonly connection: Connection

  constructor(
    readonly account: Account,
    baseUrl: string,
    private readonly ledger: Ledger,
    private readonly work: VillageWork,
  ) {
    this.connection = new Connection(baseUrl, account.cookie)
  }

  /** A person's change of this cycle: a new report, or the next step on the village's work. */
  makeChange(): void {
    const { account, work } = this
    if (account.role === 'grid_worker') {
      if (Math.random() < 0.5) this.outbox.push(issueCreate(account, this.id, ++this.seq))
      return
    }
    const accepted = work.take(work.accepted, account.village)
    if (accepted) {
      this.outbox.push(issueTransition(this.id, ++this.seq, accepted, 'resolve_locally'))
      return
    }
    const reported = work.take(work.reported, account.village)
    if (reported) this.outbox.push(issueTransition(this.id, ++this.seq, reported, 'accept'))
  }

  /** Queues `mutations` as an offline morning would (the rush). */
  queue(mutations: readonly Mutation[]): void {
    this.outbox.push(...mutations)
  }

  nextSeq(): number {
    return ++this.seq
  }

  /** Pushes the outbox in batches of at most 100; false when the server did not take it. */
  async push(): Promise<boolean> {
    while (this.outbox.length > 0) {
      const batch = this.outbox.slice(0, 100)
      const answer = await this.connection.send('POST', '/api/sync/push', { mutations: batch })
      this.ledger.record('push', answer, batch.length)
      if (answer.status !== 200) return this.waitAfter(answer)
      const { results } = answer.body as {
        results: Array<{ id: string; status: string; original?: string }>
      }
      for (const [index, result] of results.entries()) {
        const sent = batch[index]!
        const isApplied =
          result.status === 'applied' ||
          (result.status === 'duplicate' && result.original === 'applied')
        this.ledger.acknowledge(sent, isApplied)
        if (!isApplied || sent.kind !== 'issue') continue
        const action = (sent.payload as { action?: string }).action
        if (sent.op === 'create')
          this.work.add(this.work.reported, this.account.village, sent.recordId)
        else if (action === 'accept')
          this.work.add(this.work.accepted, this.account.village, sent.recordId)
      }
      this.outbox.splice(0, batch.length)
    }
    return true
  }

  /** Pulls until the server says there is no more; false when it did not answer. */
  async pullUntilCaughtUp(): Promise<boolean> {
    for (;;) {
      const query = this.cursor ? `?cursor=${encodeURIComponent(this.cursor)}` : ''
      const answer = await this.connection.send('GET', `/api/sync/pull${query}`)
      this.ledger.record('pull', answer, 0)
      if (answer.status !== 200) return this.waitAfter(answer)
      const page = answer.body as { cursor: string; hasMore: boolean }
      this.cursor = page.cursor
      if (!page.hasMore) return true
    }
  }

  /** One cycle of a phone that is online: change, push, pull. */
  async cycle(): Promise<void> {
    this.makeChange()
    if (await this.push()) await this.pullUntilCaughtUp()
  }

  /** Honours Retry-After as the app does (capped here at 5 s to keep runs short). */
  private async waitAfter(answer: Answer): Promise<false> {
    if (answer.retryAfter !== null) await sleep(Math.min(answer.retryAfter, 5) * 1000)
    return false
  }

  close(): void {
    this.connection.close()
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
