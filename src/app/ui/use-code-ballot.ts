import { ref } from 'vue'
import { useRoute } from 'vue-router'
import { normalizeBallotCode } from '#shared/ballot/ballot-code.ts'
import { ApiError, apiRequest } from '#app/api/http.ts'
import { publicFailure } from './public-request.ts'

/** Where a refused ballot's reason is shown: at the code field, or under the form. */
export type BallotRefusal = { code: string } | { _: string }

/**
 * The send side of a public form a resident unlocks with a one-time code from
 * a paper slip (the 群众评议表 ballot, the livelihood ranking): the code,
 * prefilled from the slip's QR link, its local check, and the post to
 * `<path>/ballots` that ends in "recorded" or in the reason it was refused.
 */
export function useCodeBallot(options: {
  /** The public record's path; the ballot goes to `<path>/ballots`. */
  path: () => string
  /** Shown when the phone cannot reach the server. */
  offline: () => string
  /** Server refusals that concern the typed code: shown at the code field. */
  codeErrors: ReadonlySet<string>
}) {
  const route = useRoute()
  const code = ref(typeof route.query.code === 'string' ? route.query.code : '')
  const isSubmitting = ref(false)
  const isDone = ref(false)

  /** Why the typed code cannot be a ballot code ('' when it may be one). */
  function codeProblem(messages: { missing: string; malformed: string }): string {
    if (!code.value.trim()) return messages.missing
    return normalizeBallotCode(code.value) ? '' : messages.malformed
  }

  /** Sends the ballot; resolves to the refusal, or undefined once it is recorded. */
  async function send(body: object): Promise<BallotRefusal | undefined> {
    isSubmitting.value = true
    try {
      await apiRequest(`${options.path()}/ballots`, {
        method: 'POST',
        body: { code: code.value, ...body },
      })
      isDone.value = true
      window.scrollTo(0, 0)
      return undefined
    } catch (failure) {
      const message = publicFailure(failure, options.offline())
      return failure instanceof ApiError && options.codeErrors.has(failure.code)
        ? { code: message }
        : { _: message }
    } finally {
      isSubmitting.value = false
    }
  }

  return { code, isSubmitting, isDone, codeProblem, send }
}
