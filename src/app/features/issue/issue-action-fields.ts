/**
 * The form of each lifecycle action: which payload fields it asks for and
 * with which control. The rules themselves are the shared payload schemas
 * (ISSUE_ACTION_PAYLOADS); this only says how to fill them in.
 */
import type { IssueAction } from '#shared/issue/issue.schema.ts'
import type { IssueMessages } from './messages.zh-CN.ts'

/** A text under issue.payload. */
type PayloadText = keyof IssueMessages['issue']['payload']

export type ActionFieldKind =
  | 'text'
  | 'verdict'
  | 'satisfaction'
  | 'privacy'
  | 'department'
  | 'issue'
  | 'enforcement'
  // The resident's recorded words and signature (#21.4, #21.5): a blob's hash.
  | 'voice'
  | 'signature'

export interface ActionField {
  /** The payload key. */
  name: string
  kind: ActionFieldKind
  /** i18n keys under issue.payload. */
  label: PayloadText
  placeholder?: PayloadText
  isRequired: boolean
  /** Characters a text field takes: the payload schema's own limit. */
  maxLength?: number
}

const note: ActionField = {
  name: 'note',
  kind: 'text',
  label: 'note',
  placeholder: 'notePlaceholder',
  isRequired: false,
  maxLength: 500,
}
const reason: ActionField = {
  name: 'reason',
  kind: 'text',
  label: 'reason',
  placeholder: 'reasonPlaceholder',
  isRequired: true,
  maxLength: 1000,
}
const resolution: ActionField = {
  name: 'resolution',
  kind: 'text',
  label: 'resolution',
  placeholder: 'resolutionPlaceholder',
  isRequired: true,
  maxLength: 2000,
}

/**
 * The actions the detail page offers a form for. schedule_meeting has none:
 * planning a discussion day (features/meeting) schedules its topics.
 */
export const ACTION_FIELDS: Partial<Record<IssueAction, readonly ActionField[]>> = {
  accept: [note],
  set_discussable: [
    { name: 'verdict', kind: 'verdict', label: 'verdict', isRequired: true },
    reason,
  ],
  set_private: [
    { name: 'isPrivate', kind: 'privacy', label: 'isPrivate', isRequired: true },
    { ...reason, label: 'privacyReason', maxLength: 200 },
  ],
  resolve_locally: [resolution],
  escalate: [reason],
  return_to_village: [reason],
  resolve_by_township: [resolution],
  dispatch: [
    {
      name: 'department',
      kind: 'department',
      label: 'department',
      placeholder: 'departmentPlaceholder',
      isRequired: true,
    },
    // A complaint about the department's enforcement act opens its
    // self-correction case (docs/oversight.md); left empty for other matters.
    { name: 'enforcement', kind: 'enforcement', label: 'enforcement', isRequired: false },
    { ...note, label: 'dispatchNote', maxLength: 1000 },
  ],
  return_to_township: [reason],
  reply: [
    {
      name: 'reply',
      kind: 'text',
      label: 'reply',
      placeholder: 'replyPlaceholder',
      isRequired: true,
      maxLength: 2000,
    },
  ],
  feedback: [
    { name: 'satisfaction', kind: 'satisfaction', label: 'satisfaction', isRequired: true },
    {
      name: 'comment',
      kind: 'text',
      label: 'comment',
      placeholder: 'commentPlaceholder',
      isRequired: false,
      maxLength: 500,
    },
    { name: 'voiceNote', kind: 'voice', label: 'voiceNote', isRequired: false },
    { name: 'signature', kind: 'signature', label: 'signature', isRequired: false },
  ],
  withdraw: [reason],
  merge: [
    {
      name: 'into',
      kind: 'issue',
      label: 'into',
      placeholder: 'intoPlaceholder',
      isRequired: true,
    },
    note,
  ],
}

/** Actions whose effect cannot be undone by the same person: the button is shown as a warning. */
export const SERIOUS_ACTIONS: readonly IssueAction[] = [
  'withdraw',
  'merge',
  'return_to_village',
  'return_to_township',
]
