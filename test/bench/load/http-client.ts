/**
 * A phone's HTTP connection for the load benchmark: node:http with one
 * kept-alive socket per device (as a phone holds one to its server), gzip
 * accepted as browsers do, the app's 20 s timeout. Answers are never
 * thrown: a status, or the network error's code, is what the bench counts.
 */
import { Agent, request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '#shared/sync/sync.protocol.ts'

/** The app's own request timeout (src/app/api/http.ts). */
export const TIMEOUT_MS = 20_000

export interface Answer {
  /** HTTP status, or 0 when no answer came. */
  status: number
  /** 'timeout', 'ECONNRESET', … when status is 0. */
  failure: string | null
  body: unknown
  ms: number
  /** Seconds from a Retry-After header, if any. */
  retryAfter: number | null
  setCookie: string[]
}

export class Connection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 })

  constructor(
    private readonly baseUrl: string,
    private readonly cookie: string | null = null,
  ) {}

  send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    const started = performance.now()
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    return new Promise((resolve) => {
      const done = (answer: Omit<Answer, 'ms'>) =>
        resolve({ ...answer, ms: performance.now() - started })
      const req = request(
        `${this.baseUrl}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            'accept-encoding': 'gzip',
            [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION),
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': payload.length }
              : {}),
          },
          timeout: TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('error', (error: NodeJS.ErrnoException) =>
            done(failed(error.code ?? error.message)),
          )
          res.on('end', () => {
            let raw = Buffer.concat(chunks)
            if (res.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw)
            let parsed: unknown = null
            try {
              parsed = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : null
            } catch {
              parsed = null
            }
            const retry = Number(res.headers['retry-after'])
            done({
              status: res.statusCode ?? 0,
              failure: null,
              body: parsed,
              retryAfter: Number.isFinite(retry) && retry >= 0 ? retry : null,
              setCookie: res.headers['set-cookie'] ?? [],
            })
          })
        },
      )
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })))
      req.on('error', (error: NodeJS.ErrnoException) => done(failed(error.code ?? error.message)))
      req.end(payload)
    })
  }

  close(): void {
    this.agent.destroy()
  }
}

function failed(code: string): Omit<Answer, 'ms'> {
  return { status: 0, failure: code, body: null, retryAfter: null, setCookie: [] }
}
