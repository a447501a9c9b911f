import { describe, expect, it } from 'vitest'
import { inSlice, tally } from './record-tally.ts'

describe('the tally of record-read supervision figures', () => {
  it('adds each record to its group, counting an unnamed figure as 0', () => {
    const { figures, add } = tally({ due: 0, late: 0 })
    add('/c/t1/', { due: 1, late: 1 })
    add('/c/t1/', { due: 1 })
    add(null, { late: 2 })
    expect(figures).toEqual(
      new Map([
        ['/c/t1/', { due: 2, late: 1 }],
        [null, { due: 0, late: 2 }],
      ]),
    )
  })

  it('never changes the zero it starts groups from', () => {
    const zero = { due: 0 }
    const { add } = tally(zero)
    add('/c/', { due: 3 })
    add('/c/t2/', { due: 1 })
    expect(zero).toEqual({ due: 0 })
  })
})

describe('which units a slice counts', () => {
  it('takes the unit itself, or every unit under it for a prefix slice', () => {
    const exact = { column: 'township_path', value: '/c/t1/', groupBy: 'village_path' } as const
    const under = { ...exact, prefix: true }
    expect(inSlice(exact, '/c/t1/')).toBe(true)
    expect(inSlice(exact, '/c/t1/v1/')).toBe(false)
    expect(inSlice(under, '/c/t1/v1/')).toBe(true)
    expect(inSlice(under, '/c/t10/')).toBe(false)
    expect(inSlice(under, null)).toBe(false)
  })
})
