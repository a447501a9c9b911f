/** Voice notes and signatures on an issue (#21.4, #21.5): carried as attachments, withheld like a name. */
import { describe, expect, it } from 'vitest'
import type { Actor } from '../sync/record-kind.ts'
import { DEMO_ACTORS as A, sampleCreatePayload } from './issue.fixtures.ts'
import { issueKind } from './issue.kind.ts'
import { issueDataSchema, type IssueData } from './issue.schema.ts'

const NOTE = '1'.repeat(64)
const VISIT_NOTE = '2'.repeat(64)
const SIGNATURE = '3'.repeat(64)

function apply(current: IssueData | null, op: string, payload: object, actor: Actor) {
  return issueKind.apply(
    current,
    { op, payload: { ...payload }, baseVersion: current ? current.events.length : 0 },
    actor,
  )
}
const registered = () =>
  apply(null, 'create', sampleCreatePayload({ photos: [], voiceNote: NOTE }), A.gridWorker)
function visited(): IssueData {
  const accepted = apply(registered(), 'transition', { action: 'accept' }, A.villageCadre)
  const answered = apply(
    accepted,
    'transition',
    { action: 'resolve_locally', resolution: '已修好院墙' },
    A.villageCadre,
  )
  return apply(
    answered,
    'transition',
    {
      action: 'feedback',
      satisfaction: 'satisfied',
      comment: '',
      voiceNote: VISIT_NOTE,
      signature: SIGNATURE,
    },
    A.gridWorker,
  )
}
const viewOf = (data: IssueData, actor: Actor) => {
  const view = issueKind.view?.(data, actor)
  if (!view) throw new Error('the issue kind has a view')
  expect(issueDataSchema.safeParse(view).success).toBe(true)
  return view
}

describe('an issue’s voice notes and the resident’s signature', () => {
  it('keeps the capture’s note and the feedback visit’s note and signature', () => {
    const issue = visited()
    expect(issue.voiceNote).toBe(NOTE)
    expect(issue.feedback).toMatchObject({ voiceNote: VISIT_NOTE, signature: SIGNATURE })
  })

  it('lists them as attachments, so the server checks and links them like photos', () => {
    expect(issueKind.attachments?.(visited())).toEqual([NOTE, VISIT_NOTE, SIGNATURE])
  })

  it('refuses a note that is not a blob hash, with a Chinese reason', () => {
    expect(() =>
      apply(null, 'create', sampleCreatePayload({ voiceNote: 'not-a-hash' }), A.gridWorker),
    ).toThrow(/录音编号不正确/)
  })

  it('shows them to whoever sees the resident’s name, and withholds them where the name is masked', () => {
    const issue = visited()
    expect(viewOf(issue, A.villageCadre)).toMatchObject({
      voiceNote: NOTE,
      feedback: { voiceNote: VISIT_NOTE, signature: SIGNATURE },
    })
    for (const viewer of [A.siblingVillageCadre, A.villageMediator, A.countyStaff]) {
      const view = viewOf(issue, viewer)
      expect(view.voiceNote).toBeUndefined()
      expect(view.feedback).toEqual({ satisfaction: 'satisfied', comment: '' })
    }
  })
})
