import { describe, expect, it } from 'vitest'
import { refusalRemedy } from './refusal.ts'

describe('what can help with a refused change', () => {
  it('offers a retry only where waiting can change the answer', () => {
    for (const code of ['not_found', 'unknown_meeting', 'day_not_reached', 'internal_refusal']) {
      expect(refusalRemedy(code), code).toBe('retry')
    }
  })

  it('asks for an edit where the same change would be refused again', () => {
    for (const code of [
      'locked',
      'forbidden_role',
      'out_of_scope',
      'invalid_payload',
      'invalid_transition',
      'interpret_first',
      'incomplete',
      'rejected',
    ]) {
      expect(refusalRemedy(code), code).toBe('edit')
    }
  })
})
