import type { CodeSheet } from '#shared/assessment/assessment.api.ts'
/**
 * Rate limits under a burst: real parallel HTTP requests against a listening
 * server (not inject() in series), so that every request is checked while the
 * others are still hashing. Each burst verifies at most the limit; the rest
 * are refused with 429 before any password or code is looked at. The figures
 * are printed for the record.
 */
import { request as httpRequest, Agent } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BALLOT_ALPHABET } from '#shared/ballot/ballot-code.ts'
import { seedDemoAssessment } from '#server/assessment/assessment.seed.ts'
import { MAX_BAD_CODES_PER_IP } from '#server/ballot/ballot-guard.ts'
import {
  MAX_FAILURES_PER_IP,
  MAX_FAILURES_PER_PAIR,
  MAX_FAILURES_PER_PHONE,
} from '#server/auth/login-guard.ts'
import { migrateToLatest } from '#server/db/migrate.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { releaseAttempt, reserveAttempt } from '#server/rate-limit/rate-limit.repository.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { PATHS, PHONES } from '../support/demo-county.ts'
import {
  createSharedDatabase,
  createTestServer,
  DIALECTS,
  type TestServer,
} from '../support/test-server.ts'

/** The demo campaign of seedDemoAssessment (open today, villages v1 and v2 of township 1). */
const DEMO_CAMPAIGN_ID = '0195b1c0-0000-7000-8000-00000000d002'

interface Answer {
  status: number
  code: string
}

describe.each(DIALECTS)('rate limits under parallel requests on %s', (dialect) => {
  let server: TestServer
  let origin: string
  // Sockets are not reused, so every request is its own connection, all open at once.
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await seedDemoAssessment(server.database, defaultKinds)
    // Fastify answers with the address it listens on, e.g. http://127.0.0.1:40123.
    origin = await server.app.listen({ host: '127.0.0.1', port: 0 })
  })
  afterAll(async () => {
    agent.destroy()
    await server.close()
  })

  /**
   * POSTs JSON from a chosen loopback source address (all of 127.0.0.0/8 is
   * local on Linux), so each test has its own client address.
   */
  function post(
    path: string,
    body: unknown,
    from: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const payload = JSON.stringify(body)
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${origin}${path}`,
        {
          method: 'POST',
          agent,
          localAddress: from,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...headers,
          },
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (text += chunk))
          res.on('end', () => {
            const parsed: unknown = text ? JSON.parse(text) : {}
            const code =
              typeof parsed === 'object' && parsed !== null && 'code' in parsed
                ? String(parsed.code)
                : ''
            resolve({ status: res.statusCode ?? 0, code })
          })
        },
      )
      req.on('error', reject)
      req.end(payload)
    })
  }

  /** Status codes and how often each came back, e.g. { 401: 5, 429: 195 }. */
  function tally(answers: Answer[]): Record<number, number> {
    const counts: Record<number, number> = {}
    for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1
    return counts
  }

  function report(what: string, answers: Answer[]) {
    const counts = tally(answers)
    // A figure for the record (no timed assertion): how many were verified.
    console.info(`[${dialect}] ${what}: ${JSON.stringify(counts)}`)
    return counts
  }

  const login = (phone: string, password: string, from: string) =>
    post('/api/auth/login', { phone, password }, from)

  it('verifies at most the per-phone limit of 200 parallel wrong passwords at one phone', async () => {
    const from = '127.0.0.2'
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login(PHONES.gridWorker, `Wrong-guess-${i}`, from)),
    )
    const counts = report('200 parallel wrong passwords at one phone', answers)
    expect(counts).toEqual({ 401: MAX_FAILURES_PER_PAIR, 429: 200 - MAX_FAILURES_PER_PAIR })
    expect(
      answers.filter((a) => a.status === 429).every((a) => a.code === 'too_many_attempts'),
    ).toBe(true)
    // Still blocked afterwards, the right password too.
    expect((await login(PHONES.gridWorker, DEMO_PASSWORD, from)).status).toBe(429)
  })

  it('verifies at most the per-address limit of a 40-request burst at different phones', async () => {
    const from = '127.0.0.3'
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login(`1381234${String(i).padStart(4, '0')}`, 'Wrong-guess-1', from),
      ),
    )
    const counts = report('40 parallel wrong passwords from one address', answers)
    expect(counts).toEqual({ 401: MAX_FAILURES_PER_IP, 429: 40 - MAX_FAILURES_PER_IP })
  })

  it('verifies at most the per-phone limit across addresses of a burst from many addresses', async () => {
    // Ten addresses, ten guesses each: each pair stays within its own limit
    // only for the first five; the phone as a whole allows no more than its limit.
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        login(PHONES.township, `Wrong-guess-${i}`, `127.0.1.${(i % 10) + 1}`),
      ),
    )
    const counts = report('100 parallel wrong passwords at one phone from 10 addresses', answers)
    expect(counts).toEqual({ 401: MAX_FAILURES_PER_PHONE, 429: 100 - MAX_FAILURES_PER_PHONE })
  })

  it('verifies at most the limit of 200 parallel wrong current passwords at a password change', async () => {
    const from = '127.0.0.4'
    const cookie = await server.login(PHONES.villageCadre)
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(
          '/api/auth/password',
          { currentPassword: `Wrong-guess-${i}`, newPassword: 'Liuhe2027new' },
          from,
          { cookie },
        ),
      ),
    )
    const counts = report('200 parallel wrong current passwords', answers)
    expect(counts).toEqual({ 400: MAX_FAILURES_PER_PAIR, 429: 200 - MAX_FAILURES_PER_PAIR })
  })

  const ballotAnswers = {
    villagePath: PATHS.v1,
    scores: { effect: 2, satisfaction: 3, operability: 3, reasonableness: 3 },
    shortcomings: '',
    risks: '',
    suggestions: '',
  }
  const ballot = (code: string, from: string) =>
    post(
      `/api/public/campaigns/${DEMO_CAMPAIGN_ID}/ballots`,
      { code, answers: ballotAnswers },
      from,
    )
  /** Distinct well-formed codes (base 32 in the code alphabet), none of them issued. */
  const wrongCode = (i: number) =>
    `WXYZ${Array.from({ length: 4 }, (_, d) => BALLOT_ALPHABET[(i >> (5 * d)) & 31]).join('')}`

  it('checks at most the limit of 150 parallel wrong ballot codes from one address', async () => {
    const from = '127.0.0.5'
    const answers = await Promise.all(
      Array.from({ length: 150 }, (_, i) => ballot(wrongCode(i), from)),
    )
    const counts = report('150 parallel wrong ballot codes', answers)
    expect(counts).toEqual({ 409: MAX_BAD_CODES_PER_IP, 429: 150 - MAX_BAD_CODES_PER_IP })
    expect(
      answers.filter((a) => a.status === 409).every((a) => a.code === 'ballot_code_invalid'),
    ).toBe(true)
  })

  it('records parallel ballots with good codes without spending the wrong-code budget', async () => {
    const from = '127.0.0.6'
    const sheet = await server.app.inject({
      method: 'POST',
      url: `/api/assessment/campaigns/${DEMO_CAMPAIGN_ID}/codes`,
      headers: { cookie: await server.login(PHONES.villageCadre) },
      payload: { count: 8 },
    })
    expect(sheet.statusCode, sheet.body).toBe(201)
    const codes = sheet.json<CodeSheet>().codes.map((entry) => entry.code)
    const good = await Promise.all(codes.map((code) => ballot(code, from)))
    expect(tally(good)).toEqual({ 201: 8 })
    // Their wrong-code slots were given back: the full budget of wrong codes remains.
    const wrong = await Promise.all(
      Array.from({ length: 30 }, (_, i) => ballot(wrongCode(i), from)),
    )
    expect(tally(wrong)).toEqual({ 409: MAX_BAD_CODES_PER_IP, 429: 30 - MAX_BAD_CODES_PER_IP })
  })

  it('lets two server processes on one database reserve no more than the limit together', async () => {
    const shared = await createSharedDatabase(dialect)
    try {
      // Two pools on PostgreSQL, as two processes would hold them (one handle on SQLite).
      const [first, second] = shared.pair()
      await migrateToLatest(first.db)
      const rules = [{ key: 'test:two-processes', limit: 5, windowMs: 60_000 }]
      const reserveMany = () =>
        Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            reserveAttempt((i % 2 === 0 ? first : second).db, rules, new Date()),
          ),
        )
      const granted = (await reserveMany()).filter((reservation) => reservation !== null)
      expect(granted).toHaveLength(5)
      // Given back (the attempts succeeded), the places are free again, exactly as many.
      await Promise.all(granted.map((reservation) => releaseAttempt(first.db, reservation)))
      expect((await reserveMany()).filter((reservation) => reservation !== null)).toHaveLength(5)
    } finally {
      await shared.drop()
    }
  })
})
