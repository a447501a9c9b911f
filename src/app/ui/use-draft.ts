/**
 * Drafts of forms (issue capture, discussion-day plan and minutes, assessment
 * transcription): every change is written, debounced, to the device's
 * settings under `key` for the signed-in user, and restored when the form
 * opens again — a call, a dead battery or a closed tab loses nothing. One
 * implementation for every form; each form says only how a stored draft goes
 * back into it (old or damaged drafts must still open).
 *
 * The debounce must never be the window in which typing is lost. A reload, a
 * killed app or a locked phone never disposes the form's scope, and an
 * IndexedDB write started while the page unloads is abandoned (Chromium drops
 * it on reload). So when the page may be going away, what is still pending is
 * also written synchronously to localStorage (the journal), which outlives
 * the page; the next `restoreDraft` takes it if it is the newer copy and
 * moves it into IndexedDB.
 */
import { onScopeDispose, ref, toRaw, watch } from 'vue'
import { appDb } from '#app/db/app-db.ts'

const DRAFT_DELAY_MS = 500
const JOURNAL_PREFIX = 'shuoshi-draft:'

export interface DraftOptions<T extends object> {
  /** The settings key; null while not known yet (then nothing is read or written). */
  key: () => string | null
  /** The signed-in user: a draft is restored only for the user who wrote it. */
  userId: () => string | undefined
  /** The reactive form object. */
  form: T
  /** A blank form has no draft (its key is deleted instead). */
  isBlank: (form: T) => boolean
  /** Copies a stored form into `form`, ignoring what does not fit; false when nothing was usable. */
  restore: (form: T, stored: unknown) => boolean
}

interface StoredDraft {
  userId: string
  form: unknown
  savedAt: string
}

function isStoredDraft(value: unknown): value is StoredDraft {
  return (
    typeof value === 'object' &&
    value !== null &&
    'userId' in value &&
    typeof value.userId === 'string' &&
    'form' in value &&
    'savedAt' in value &&
    typeof value.savedAt === 'string'
  )
}

/** A deep plain copy (IndexedDB cannot store Vue's proxies). */
function plain<T>(value: T): T {
  return structuredClone<T>(toRaw(value))
}

function readJournal(key: string): StoredDraft | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(JOURNAL_PREFIX + key) ?? 'null')
    return isStoredDraft(value) ? value : undefined
  } catch {
    return undefined // damaged: the IndexedDB copy, if any, still counts
  }
}

function forgetJournal(key: string): void {
  localStorage.removeItem(JOURNAL_PREFIX + key)
}

export function useDraft<T extends object>({
  key,
  userId,
  form,
  isBlank,
  restore,
}: DraftOptions<T>) {
  const isRestored = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  // Off until the draft is read, and again once the form is saved.
  let isWatching = false
  // Every change bumps `version`; `committed` is the version IndexedDB holds
  // for certain, `journaled` the one in the journal (0: none from this page).
  // A write still in flight when the page goes away counts as not written.
  let version = 0
  let committed = 0
  let journaled = 0

  /** The draft as it is now; null for a blank form or when there is no owner or key yet. */
  function current(): { at: string; draft: StoredDraft | null } | undefined {
    const owner = userId()
    const at = key()
    if (!owner || !at) return undefined
    if (isBlank(form)) return { at, draft: null }
    return { at, draft: { userId: owner, form: plain(form), savedAt: new Date().toISOString() } }
  }

  async function writeDraft(): Promise<void> {
    timer = undefined
    const now = current()
    if (!now) return
    const writing = version
    if (now.draft) await appDb.settings.put({ key: now.at, value: now.draft })
    else await appDb.settings.delete(now.at)
    committed = Math.max(committed, writing)
    // IndexedDB now has this state or a newer one: the journal is spent,
    // unless it was written after this write began.
    if (journaled !== 0 && journaled <= writing) {
      forgetJournal(now.at)
      journaled = 0
    }
  }

  watch(
    () => form,
    () => {
      if (!isWatching) return
      version += 1
      clearTimeout(timer)
      timer = setTimeout(() => void writeDraft(), DRAFT_DELAY_MS)
    },
    { deep: true },
  )

  /** Writes a pending draft now instead of at the end of the debounce. */
  function flush(): void {
    if (timer === undefined || !isWatching) return
    clearTimeout(timer)
    void writeDraft()
  }
  /**
   * The page may be going away: journal what IndexedDB does not hold for
   * certain yet (pending in the debounce or still being written),
   * synchronously, then flush. A blank form is journalled as `form: null`.
   */
  function flushBeforeLeaving(): void {
    if (!isWatching || version === committed || version === journaled) return
    const now = current()
    if (!now) return
    const entry: StoredDraft = now.draft ?? {
      userId: userId() ?? '',
      form: null,
      savedAt: new Date().toISOString(),
    }
    localStorage.setItem(JOURNAL_PREFIX + now.at, JSON.stringify(entry))
    journaled = version
    flush()
  }
  const flushWhenHidden = () => {
    if (document.visibilityState === 'hidden') flushBeforeLeaving()
  }
  // `visibilitychange` to hidden is the last event a mobile browser reliably
  // gives before it may kill the page (`pagehide` and `freeze` may never
  // come); `focusout` writes each field as the user leaves it.
  const pageEvents = [
    [document, 'visibilitychange', flushWhenHidden],
    [document, 'freeze', flushBeforeLeaving],
    [window, 'pagehide', flushBeforeLeaving],
    [document, 'focusout', flush],
  ] as const
  for (const [target, type, listener] of pageEvents) target.addEventListener(type, listener)
  // Leaving the form within the debounce still keeps the last keystrokes.
  onScopeDispose(() => {
    for (const [target, type, listener] of pageEvents) target.removeEventListener(type, listener)
    flush()
  })

  /** Restores this user's draft, if any; true when there was one. */
  async function restoreDraft(): Promise<boolean> {
    const at = key()
    let value: unknown = at ? (await appDb.settings.get(at))?.value : undefined
    const journal = at ? readJournal(at) : undefined
    if (at && journal) {
      // Written as the page went away: newer than IndexedDB unless a later write landed there.
      if (!isStoredDraft(value) || journal.savedAt >= value.savedAt) {
        value = journal.form === null ? undefined : journal
        if (journal.form === null) await appDb.settings.delete(at)
        else await appDb.settings.put({ key: at, value: journal })
      }
      forgetJournal(at)
    }
    const own = isStoredDraft(value) && value.userId === userId() ? value : undefined
    isRestored.value = own !== undefined && restore(form, own.form)
    isWatching = true
    return isRestored.value
  }

  /**
   * Forgets the draft; `reset` empties the form first (without that being
   * written back as a draft). `keepWatching` false once the form is saved.
   */
  async function clearDraft(keepWatching = true, reset?: () => void): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    isWatching = false
    reset?.()
    const at = key()
    if (at) {
      forgetJournal(at)
      journaled = 0
      await appDb.settings.delete(at)
    }
    committed = version
    isRestored.value = false
    setTimeout(() => (isWatching = keepWatching))
  }

  return { isRestored, restoreDraft, clearDraft }
}
