/**
 * The capture form's state, its conversion to the create payload, and its
 * draft: every change is written (debounced) to the device's settings so a
 * call, a dead battery or a closed tab loses nothing, and restored when the
 * form opens again for the same user.
 */
import { onBeforeUnmount, reactive, ref, toRaw, watch } from 'vue'
import { z } from 'zod'
import {
  DISCUSSABLE_VERDICTS,
  ISSUE_CATEGORIES,
  ISSUE_CHANNELS,
  ISSUE_TAGS,
  ISSUE_URGENCIES,
  type DiscussableVerdict,
  type IssueCategory,
  type IssueChannel,
  type IssueTag,
  type IssueUrgency,
} from '#shared/issue/issue.schema.ts'
import { appDb } from '#app/db/app-db.ts'

export const DRAFT_KEY = 'draft:issue'
const DRAFT_DELAY_MS = 500

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
  tags: IssueTag[]
  urgency: IssueUrgency
  channel: IssueChannel
  isAnonymous: boolean
  residentName: string
  residentPhone: string
  place: string
  gpsConsent: boolean
  gps: Gps | null
  photos: string[]
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
    isPrivate: false,
    verdict: 'unknown',
    verdictByList: false,
    gridId: '',
  }
}

/** A stored draft; every field falls back to its empty value, so an old or damaged draft still opens. */
const empty = emptyCaptureForm()
const draftSchema = z.object({
  userId: z.string(),
  form: z.object({
    title: z.string().catch(empty.title),
    description: z.string().catch(empty.description),
    category: z.enum(ISSUE_CATEGORIES).or(z.literal('')).catch(empty.category),
    tags: z.array(z.enum(ISSUE_TAGS)).catch(empty.tags),
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
    isPrivate: z.boolean().catch(empty.isPrivate),
    verdict: z.enum(DISCUSSABLE_VERDICTS).catch(empty.verdict),
    verdictByList: z.boolean().catch(empty.verdictByList),
    gridId: z.string().catch(empty.gridId),
  }),
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

/** A plain copy (IndexedDB cannot store Vue's proxies). */
function plain(form: CaptureForm): CaptureForm {
  const raw = toRaw(form)
  return {
    ...raw,
    tags: [...raw.tags],
    photos: [...raw.photos],
    gps: raw.gps ? { ...raw.gps } : null,
  }
}

export function useCaptureForm(userId: () => string | undefined) {
  const form = reactive<CaptureForm>(emptyCaptureForm())
  const isRestored = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  // Off until the draft is read, and again once the issue is saved.
  let isWatching = false

  async function writeDraft(): Promise<void> {
    timer = undefined
    const owner = userId()
    if (!owner) return
    if (isBlank(form)) await appDb.settings.delete(DRAFT_KEY)
    else
      await appDb.settings.put({
        key: DRAFT_KEY,
        value: { userId: owner, form: plain(form), savedAt: new Date().toISOString() },
      })
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
  // Leaving the page within the debounce still keeps the last keystrokes.
  onBeforeUnmount(() => {
    if (timer !== undefined && isWatching) {
      clearTimeout(timer)
      void writeDraft()
    }
  })

  /** Restores this user's draft, if any; true when there was one. */
  async function restoreDraft(): Promise<boolean> {
    const parsed = draftSchema.safeParse((await appDb.settings.get(DRAFT_KEY))?.value)
    const hasDraft = parsed.success && parsed.data.userId === userId()
    if (hasDraft) Object.assign(form, parsed.data.form)
    isRestored.value = hasDraft
    isWatching = true
    return hasDraft
  }

  /** Empties the form and forgets the draft; `keepWatching` false once the issue is saved. */
  async function clearDraft(keepWatching = true): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    isWatching = false
    const gridId = form.gridId
    Object.assign(form, { ...emptyCaptureForm(), gridId })
    await appDb.settings.delete(DRAFT_KEY)
    isRestored.value = false
    // The reset above must not be written back as a draft.
    setTimeout(() => (isWatching = keepWatching))
  }

  return { form, isRestored, restoreDraft, clearDraft }
}
