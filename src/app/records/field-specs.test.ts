import { describe, expect, it } from 'vitest'
import { fieldGroups, fieldList, NEXT_GROUP, type FieldEntry } from './field-specs.ts'

describe('fieldGroups', () => {
  it('splits the entries into inset groups at NEXT_GROUP and leaves out what a condition left out', () => {
    const isApplication = false
    const entries: FieldEntry[] = [
      { text: 'title', max: 60 },
      isApplication && { text: 'respondent' },
      null,
      NEXT_GROUP,
      { choice: 'type', options: ['a', 'b'] },
      { slot: 'photos' },
    ]
    expect(fieldGroups(entries)).toEqual([
      [{ text: 'title', max: 60 }],
      [{ choice: 'type', options: ['a', 'b'] }, { slot: 'photos' }],
    ])
  })

  it('draws no empty group: a leading, doubled or trailing NEXT_GROUP changes nothing', () => {
    expect(fieldGroups([NEXT_GROUP, { text: 'a' }, NEXT_GROUP, NEXT_GROUP])).toEqual([
      [{ text: 'a' }],
    ])
    expect(fieldGroups([])).toEqual([])
  })
})

describe('fieldList', () => {
  it('keeps the fields in their order, as one list, without what a condition left out', () => {
    const isLast = false
    expect(
      fieldList([
        { text: 'doneOn', type: 'date' },
        isLast && { text: 'reason' },
        { slot: 'photos' },
      ]),
    ).toEqual([{ text: 'doneOn', type: 'date' }, { slot: 'photos' }])
  })
})
