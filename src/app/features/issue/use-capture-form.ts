/**
 * The capture form's state, its conversion to the create payload, and its
 * draft (src/app/ui/use-draft.ts): a call, a dead battery or a closed tab
 * loses nothing, and the draft comes back when the form opens again for the
 * same user.
 */
import { reactive } from 'vue'
import { z } from 'zod'
import {
  DISCUSSABLE_VERDICTS,
  ISSUE_CATEGORIES,
  ISSUE_CHANNELS,
  ISSUE_URGENCIES,
  type DiscussableVerdict,
  type IssueCategory,
  type IssueChannel,
  type IssueUrgency,
} from '#shared/issue/issue.schema.ts'
import { DOMAIN_TAGS, type DomainTag } from '#shared/common/tags.ts'
import { useDraft } from '#app/ui/use-draft.ts'

export const DRAFT_KEY = 'draft:issue'

export interface Gps {
  lat: number
  lng: number
  accuracy: number
}

/** What the form holds while being filled in (looser than the capture: fields may still be empty). */
export interface CaptureForm {
  title: string
  description: string
  category: IssueCategory | ''
  tags: DomainTag[]
  urgency: IssueUrgency
  channel: IssueChannel
  isAnonymous: boolean
  residentName: string
  residentPhone: string
  place: string
  gpsConsent: boolean
  gps: Gps | null
  photos: string[]
  /** The voice note's hash, '' for none. */
  voiceNote: string
  isPrivate: boolean
  verdict: DiscussableVerdict
  /** The verdict came from the discussable-items list (not the person), so a new suggestion may replace it. */
  verdictByList: boolean
  gridId: string
}

export function emptyCaptureForm(): CaptureForm {
  return {
    title: '',
    description: '',
    category: '',
    tags: [],
    urgency: 'normal',
    channel: 'grid_visit',
    isAnonymous: false,
    residentName: '',
    residentPhone: '',
    place: '',
    gpsConsent: false,
    gps: null,
    photos: [],
    voiceNote: '',
    isPrivate: false,
    verdict: 'unknown',
    verdictByList: false,
    gridId: '',
  }
}

/** A stored draft; every field falls back to its empty value, so an old or damaged draft still opens. */
const empty = emptyCaptureForm()
const draftFormSchema = z.object({
  title: z.string().catch(empty.title),
  description: z.string().catch(empty.description),
  category: z.enum(ISSUE_CATEGORIES).or(z.literal('')).catch(empty.category),
  tags: z.array(z.enum(DOMAIN_TAGS)).catch(empty.tags),
  urgency: z.enum(ISSUE_URGENCIES).catch(empty.urgency),
  channel: z.enum(ISSUE_CHANNELS).catch(empty.channel),
  isAnonymous: z.boolean().catch(empty.isAnonymous),
  residentName: z.string().catch(empty.residentName),
  residentPhone: z.string().catch(empty.residentPhone),
  place: z.string().catch(empty.place),
  gpsConsent: z.boolean().catch(empty.gpsConsent),
  gps: z
    .object({ lat: z.number(), lng: z.number(), accuracy: z.number() })
    .nullable()
    .catch(empty.gps),
  photos: z.array(z.string()).catch(empty.photos),
  voiceNote: z.string().catch(empty.voiceNote),
  isPrivate: z.boolean().catch(empty.isPrivate),
  verdict: z.enum(DISCUSSABLE_VERDICTS).catch(empty.verdict),
  verdictByList: z.boolean().catch(empty.verdictByList),
  gridId: z.string().catch(empty.gridId),
})

/** The create payload as the form has it; `issueCreateSchema` judges it. */
export function toCreateInput(form: CaptureForm, orgPath: string) {
  const name = form.residentName.trim()
  const phone = form.residentPhone.trim()
  return {
    isAnonymous: form.isAnonymous,
    // Anonymous keeps neither; with nothing typed there is simply no named resident.
    resident:
      form.isAnonymous || (!name && !phone)
        ? null
        : { ...(name ? { name } : {}), ...(phone ? { phone } : {}) },
    channel: form.channel,
    category: form.category || undefined,
    tags: [...form.tags],
    title: form.title,
    description: form.description,
    ...(form.place.trim() ? { place: form.place } : {}),
    gpsConsent: form.gpsConsent,
    gps: form.gpsConsent && form.gps ? { ...form.gps } : null,
    photos: [...form.photos],
    ...(form.voiceNote ? { voiceNote: form.voiceNote } : {}),
    urgency: form.urgency,
    isPrivate: form.isPrivate,
    discussable: { verdict: form.verdict },
    gridId: form.gridId,
    orgPath,
  }
}

function isBlank(form: CaptureForm): boolean {
  return JSON.stringify(form) === JSON.stringify({ ...emptyCaptureForm(), gridId: form.gridId })
}

export function useCaptureForm(userId: () => string | undefined) {
  const form = reactive<CaptureForm>(emptyCaptureForm())
  const draft = useDraft({
    key: () => DRAFT_KEY,
    userId,
    form,
    isBlank,
    restore(target, stored) {
      const parsed = draftFormSchema.safeParse(stored)
      if (parsed.success) Object.assign(target, parsed.data)
      return parsed.success
    },
  })

  /** Empties the form (keeping the grid) and forgets the draft; `keepWatching` false once saved. */
  function clearDraft(keepWatching = true): Promise<void> {
    const gridId = form.gridId
    return draft.clearDraft(keepWatching, () =>
      Object.assign(form, { ...emptyCaptureForm(), gridId }),
    )
  }

  return { form, isRestored: draft.isRestored, restoreDraft: draft.restoreDraft, clearDraft }
}
