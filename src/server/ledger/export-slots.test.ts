import { describe, expect, it } from 'vitest'
import { exportSlots } from './export-slots.ts'

describe('ledger export slots', () => {
  it('refuses a second export of the same user until the first is released', () => {
    const slots = exportSlots(2)
    const release = slots.take('u1')
    expect(release).not.toBeNull()
    expect(slots.take('u1')).toBeNull()
    release?.()
    expect(slots.take('u1')).not.toBeNull()
  })

  it('refuses every user once the process runs its maximum', () => {
    const slots = exportSlots(2)
    const first = slots.take('u1')
    expect(slots.take('u2')).not.toBeNull()
    expect(slots.take('u3')).toBeNull()
    first?.()
    // A release counts once, however often it is called.
    first?.()
    expect(slots.take('u3')).not.toBeNull()
    expect(slots.take('u4')).toBeNull()
  })
})
