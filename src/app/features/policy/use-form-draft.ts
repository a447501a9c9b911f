/**
 * The assessment form while it is being filled (one shape for the villager's
 * own phone and for a cadre transcribing paper), its conversion to the
 * answers the schema judges, and — for transcription — a draft kept in the
 * device's settings so a call or a closed tab loses nothing.
 */
import { reactive } from 'vue'
import {
  AGE_BANDS,
  RESPONDENT_ROLES,
  SCALE_QUESTIONS,
  type AgeBand,
  type RespondentRole,
  type ScaleQuestion,
} from '#shared/assessment/assessment.schema.ts'
import { useDraft } from '#app/ui/use-draft.ts'

/** 0 means "not chosen yet". */
export type ScoreDraft = Record<ScaleQuestion, number>

export interface FormDraft {
  villagePath: string
  scores: ScoreDraft
  shortcomings: string
  risks: string
  suggestions: string
  ageBand: AgeBand | ''
  respondentRole: RespondentRole | ''
}

export function emptyFormDraft(villagePath = ''): FormDraft {
  return {
    villagePath,
    scores: { effect: 0, satisfaction: 0, operability: 0, reasonableness: 0 },
    shortcomings: '',
    risks: '',
    suggestions: '',
    ageBand: '',
    respondentRole: '',
  }
}

/** The answers as the form has them; `formAnswersSchema` judges them. */
export function toAnswers(draft: FormDraft) {
  return {
    villagePath: draft.villagePath,
    scores: { ...draft.scores },
    shortcomings: draft.shortcomings,
    risks: draft.risks,
    suggestions: draft.suggestions,
    ageBand: draft.ageBand || null,
    respondentRole: draft.respondentRole || null,
  }
}

/** A stored draft back into the form, field by field, ignoring anything damaged. */
function restoreInto(form: FormDraft, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const stored: Record<string, unknown> = { ...value }
  for (const key of ['villagePath', 'shortcomings', 'risks', 'suggestions'] as const) {
    const field = stored[key]
    if (typeof field === 'string') form[key] = field
  }
  const ageBand = AGE_BANDS.find((band) => band === stored.ageBand)
  if (ageBand) form.ageBand = ageBand
  const role = RESPONDENT_ROLES.find((candidate) => candidate === stored.respondentRole)
  if (role) form.respondentRole = role
  const scores: unknown = stored.scores
  if (typeof scores === 'object' && scores !== null) {
    const byQuestion: Record<string, unknown> = { ...scores }
    for (const question of SCALE_QUESTIONS) {
      const point = byQuestion[question]
      if (typeof point === 'number' && point >= 0 && point <= 5) form.scores[question] = point
    }
  }
  return true
}

/**
 * The transcription form of `draftKey` (one per campaign and user), kept as a
 * draft through the one draft composable (src/app/ui/use-draft.ts).
 */
export function useFormDraft(draftKey: () => string | null, userId: () => string | undefined) {
  const form = reactive<FormDraft>(emptyFormDraft())
  const draft = useDraft({
    key: draftKey,
    userId,
    form,
    isBlank: (value) => JSON.stringify(value) === JSON.stringify(emptyFormDraft(value.villagePath)),
    restore: restoreInto,
  })

  /** Empties the form for the next paper form, keeping the village; forgets the draft. */
  function clearDraft(): Promise<void> {
    return draft.clearDraft(true, () => Object.assign(form, emptyFormDraft(form.villagePath)))
  }

  return { form, isRestored: draft.isRestored, restoreDraft: draft.restoreDraft, clearDraft }
}
