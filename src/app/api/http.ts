/**
 * The one way the app talks to the server. Errors come back as `ApiError`
 * (the server answered: code + Chinese message) or `NetworkError` (it did not:
 * offline, timeout), so callers can tell "refused" from "try again later".
 */
import { ERROR_MESSAGES, type ApiErrorBody } from '#shared/api/api-error.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** Seconds the server asked us to wait (`Retry-After` of a 503), or null. */
    readonly retryAfter: number | null = null,
  ) {
    super(message)
  }
}

export class NetworkError extends Error {}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Sent as JSON. */
  body?: unknown
  /** Sent as it is, with its own content type (photos). */
  rawBody?: Blob
  headers?: Record<string, string>
  /** Answer the body as a Blob instead of JSON. */
  asBlob?: boolean
  /** With `asBlob`: told the bytes received so far while a long download streams in (ledgers). */
  onProgress?: (bytes: number) => void
  timeoutMs?: number
}

/**
 * Calls the API and returns its JSON body typed as `T`. The client does not
 * re-validate answers: the server checks every response against the shared
 * zod schema before sending (serializerCompiler), and keeping zod out of the
 * first screen saves ~17 KB gzip. What users type is validated in the forms.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response
  try {
    const headers: Record<string, string> = { ...options.headers }
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    if (options.rawBody) headers['content-type'] = options.rawBody.type
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body:
        options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    })
  } catch (error) {
    throw new NetworkError('network unavailable', { cause: error })
  }
  // The one trusted boundary (see above).
  if (response.ok && options.asBlob) return (await readBlob(response, options.onProgress)) as T
  const text = response.status === 204 ? '' : await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (response.ok) return body as T
  if (isApiErrorBody(body)) {
    throw new ApiError(
      response.status,
      body.code,
      body.message,
      body.fields,
      retryAfterSeconds(response.headers.get('retry-after')),
    )
  }
  // A proxy or captive portal answered, not our server.
  if (response.status >= 500 || response.status === 404) {
    throw new NetworkError(`unexpected ${response.status}`)
  }
  throw new ApiError(response.status, 'bad_request', ERROR_MESSAGES.bad_request)
}

/** `Retry-After` in seconds (a number or an HTTP date), or null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  // An HTTP date names its day and month; anything else (e.g. "-3") is unreadable.
  const at = /GMT$/.test(value.trim()) ? Date.parse(value) : Number.NaN
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000))
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    'code' in body &&
    typeof body.code === 'string' &&
    'message' in body &&
    typeof body.message === 'string'
  )
}

/** The body as a Blob, reporting the bytes received as they come when asked to. */
async function readBlob(
  response: Response,
  onProgress: ((bytes: number) => void) | undefined,
): Promise<Blob> {
  if (!onProgress || !response.body) return response.blob()
  const reader = response.body.getReader()
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let received = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      received += value.byteLength
      onProgress(received)
    }
  } catch (error) {
    throw new NetworkError('download interrupted', { cause: error })
  }
  return new Blob(chunks, { type: response.headers.get('content-type') ?? '' })
}
