/**
 * The minutes form of one discussion day: filled from the record, kept as a
 * draft per day, turned into the 'record' payload plus the issue transitions
 * its newly reached outcomes cause.
 */
import { reactive } from 'vue'
import type {
  MeetingData,
  MeetingRecordInput,
  TopicOutcome,
} from '#shared/meeting/meeting.schema.ts'
import { isTransitionOutcome } from '#shared/meeting/meeting.schema.ts'
import type { Signature } from '#shared/media/media.ts'
import type { OutcomeChange } from './meeting.store.ts'

export interface TopicForm {
  views: string
  outcome: TopicOutcome | ''
  minutes: string
  followUps: string
}

export interface MinutesForm {
  signInCount: string
  representatives: string
  sheetPhotos: string[]
  /** Signed on the screen (#21.5). */
  signatures: Signature[]
  policies: {
    /** The registered policy record, when the plan picked one: kept through the minutes. */
    policyId?: string
    title: string
    documentNumber: string
    interpretedBy: string
    interpretation: string
  }[]
  topics: TopicForm[]
  photos: string[]
}

/** The form as the record has it now. */
export function minutesFormOf(data: MeetingData): MinutesForm {
  return {
    signInCount: data.signIn ? String(data.signIn.count) : '',
    representatives: data.signIn?.representatives.join('\n') ?? '',
    sheetPhotos: [...(data.signIn?.sheetPhotos ?? [])],
    signatures: (data.signIn?.signatures ?? []).map(({ name, sha256 }) => ({ name, sha256 })),
    policies: data.policies.map((policy) => ({
      ...(policy.policyId ? { policyId: policy.policyId } : {}),
      title: policy.title,
      documentNumber: policy.documentNumber ?? '',
      interpretedBy: policy.interpretedBy ?? '',
      interpretation: policy.interpretation ?? '',
    })),
    topics: data.topics.map((topic) => ({
      views: topic.views,
      outcome: topic.outcome ?? '',
      minutes: topic.minutes,
      followUps: topic.followUps,
    })),
    photos: [...data.photos],
  }
}

export function useMinutesForm(data: MeetingData) {
  return reactive(minutesFormOf(data))
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

/**
 * The 'record' payload and the outcomes that become issue transitions (a
 * topic newly agreed, resolved or escalated), or the index of a topic whose
 * outcome needs its minuted decision first.
 */
export function toMinutes(
  data: MeetingData,
  form: MinutesForm,
  reasonOf: (minutes: string) => string,
): { minutes: MeetingRecordInput; outcomes: OutcomeChange[] } | { missingMinutes: number } {
  const outcomes: OutcomeChange[] = []
  for (const [index, topic] of data.topics.entries()) {
    const entry = form.topics[index]
    if (!entry || entry.outcome === '' || entry.outcome === topic.outcome) continue
    if (!isTransitionOutcome(entry.outcome)) continue
    if (!entry.minutes.trim()) return { missingMinutes: index }
    outcomes.push({
      issueId: topic.issueId,
      outcome: entry.outcome,
      text: entry.outcome === 'escalated' ? reasonOf(entry.minutes.trim()) : entry.minutes.trim(),
    })
  }
  const count = Number.parseInt(form.signInCount, 10)
  const representatives = lines(form.representatives)
  const hasSignIn =
    form.signInCount.trim() !== '' ||
    representatives.length > 0 ||
    form.sheetPhotos.length > 0 ||
    form.signatures.length > 0
  return {
    outcomes,
    minutes: {
      ...(hasSignIn
        ? {
            signIn: {
              count: Number.isFinite(count) ? count : 0,
              representatives,
              sheetPhotos: [...form.sheetPhotos],
              // Plain copies: the form's entries are reactive proxies, which IndexedDB cannot store.
              ...(form.signatures.length > 0
                ? { signatures: form.signatures.map(({ name, sha256 }) => ({ name, sha256 })) }
                : {}),
            },
          }
        : {}),
      policies: form.policies
        .filter((policy) => policy.title.trim())
        .map((policy) => ({
          ...(policy.policyId ? { policyId: policy.policyId } : {}),
          title: policy.title,
          ...(policy.documentNumber.trim() ? { documentNumber: policy.documentNumber } : {}),
          ...(policy.interpretedBy.trim() ? { interpretedBy: policy.interpretedBy } : {}),
          ...(policy.interpretation.trim() ? { interpretation: policy.interpretation } : {}),
        })),
      topics: data.topics.map((topic, index) => {
        const entry = form.topics[index]
        const isLocked = isTransitionOutcome(topic.outcome)
        return {
          issueId: topic.issueId,
          views: entry?.views ?? '',
          minutes: entry?.minutes ?? '',
          followUps: entry?.followUps ?? '',
          ...(isLocked || !entry ? {} : { outcome: entry.outcome === '' ? null : entry.outcome }),
        }
      }),
      photos: [...form.photos],
    },
  }
}
