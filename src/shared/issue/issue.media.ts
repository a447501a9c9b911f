/**
 * An issue's blobs besides photos (#21.4, #21.5): the resident's voice note
 * at capture, and the voice note and signature of the feedback visit.
 */
import type { IssueData } from './issue.schema.ts'

/** Every blob the issue lists (photos, voice notes, the signature): the server checks and links them. */
export function issueAttachments(data: IssueData): string[] {
  const { voiceNote, feedback } = data
  return [
    ...data.photos,
    ...(voiceNote ? [voiceNote] : []),
    ...(feedback?.voiceNote ? [feedback.voiceNote] : []),
    ...(feedback?.signature ? [feedback.signature] : []),
  ]
}

/**
 * The issue without the resident's recorded voice and signature, for a
 * viewer who sees the name masked: a voice identifies as surely as a name.
 */
export function withoutResidentMedia(data: IssueData): IssueData {
  const view = { ...data }
  delete view.voiceNote
  if (!view.feedback) return view
  const feedback = { ...view.feedback }
  delete feedback.voiceNote
  delete feedback.signature
  return { ...view, feedback }
}
