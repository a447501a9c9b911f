/**
 * The assessment form while it is being filled (one shape for the villager's
 * own phone and for a cadre transcribing paper), its conversion to the
 * answers the schema judges, and — for transcription — a draft kept in the
 * device's settings so a call or a closed tab loses nothing.
 */
import { onBeforeUnmount, reactive, ref, toRaw, watch } from 'vue'
import {
  AGE_BANDS,
  RESPONDENT_ROLES,
  SCALE_QUESTIONS,
  type AgeBand,
  type RespondentRole,
  type ScaleQuestion,
} from '#shared/assessment/assessment.schema.ts'
import { appDb } from '#app/db/app-db.ts'

const DRAFT_DELAY_MS = 500

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
 * The transcription form of `draftKey` (one per campaign and user), written
 * to settings 500 ms after each change and restored when the page opens.
 */
export function useFormDraft(draftKey: () => string | null) {
  const form = reactive<FormDraft>(emptyFormDraft())
  const isRestored = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let isWatching = false

  async function writeDraft(): Promise<void> {
    timer = undefined
    const key = draftKey()
    if (!key) return
    const raw = toRaw(form)
    await appDb.settings.put({ key, value: { ...raw, scores: { ...raw.scores } } })
  }

  watch(
    form,
    () => {
      if (!isWatching) return
      clearTimeout(timer)
      timer = setTimeout(() => void writeDraft(), DRAFT_DELAY_MS)
    },
    { deep: true },
  )
  onBeforeUnmount(() => {
    if (timer !== undefined && isWatching) {
      clearTimeout(timer)
      void writeDraft()
    }
  })

  async function restoreDraft(): Promise<boolean> {
    const key = draftKey()
    const stored = key ? (await appDb.settings.get(key))?.value : undefined
    isRestored.value = stored !== undefined && restoreInto(form, stored)
    isWatching = true
    return isRestored.value
  }

  /** Empties the form for the next paper form, keeping the village; forgets the draft. */
  async function clearDraft(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    isWatching = false
    Object.assign(form, emptyFormDraft(form.villagePath))
    const key = draftKey()
    if (key) await appDb.settings.delete(key)
    isRestored.value = false
    setTimeout(() => (isWatching = true))
  }

  return { form, isRestored, restoreDraft, clearDraft }
}
