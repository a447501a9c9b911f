import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { formAnswersSchema } from '#shared/assessment/assessment.schema.ts'
import { validateForm } from '#app/ui/form-errors.ts'
import { emptyFormDraft, toAnswers } from './use-form-draft.ts'

const VILLAGE = '/demo-county/demo-t1/demo-t1-v1/'

describe('the assessment form draft', () => {
  it('asks for every rating of an empty form, in Chinese, next to each scale', () => {
    const { errors } = validateForm(formAnswersSchema, toAnswers(emptyFormDraft(VILLAGE)))
    expect(errors).toMatchObject({
      'scores.effect': '请选择评分',
      'scores.satisfaction': '请选择评分',
      'scores.operability': '请选择评分',
      'scores.reasonableness': '请选择评分',
    })
  })

  it('turns unchosen optional answers into null and keeps the free texts', () => {
    const draft = emptyFormDraft(VILLAGE)
    draft.scores = { effect: 3, satisfaction: 4, operability: 2, reasonableness: 5 }
    draft.suggestions = '多开解读会'
    const { data } = validateForm(formAnswersSchema, toAnswers(draft))
    expect(data).toEqual({
      villagePath: VILLAGE,
      scores: { effect: 3, satisfaction: 4, operability: 2, reasonableness: 5 },
      shortcomings: '',
      risks: '',
      suggestions: '多开解读会',
      ageBand: null,
      respondentRole: null,
    })
  })
})
