/**
 * Every message key, as a type: the shell's texts plus each feature's, joined
 * by type-only imports (erased from the bundle, so no feature's texts enter
 * the first screen). `t`/`$t` accept only these keys (./vue-i18n.d.ts).
 */
import type { ShellMessages } from './zh-CN.ts'
import type { AdminMessages } from '#app/features/admin/index.ts'
import type { ConsultationPublicMessages } from '#app/features/consultation/index.ts'
import type { DeputyMessages } from '#app/features/deputy/index.ts'
import type { OutreachMessages } from '#app/features/outreach/index.ts'
import type { DisclosureMessages } from '#app/features/disclosure/index.ts'
import type { DeskMessages } from '#app/features/home/index.ts'
import type { AssessmentMessages } from '#app/features/policy/index.ts'
import type { ConsultationMessages } from '#app/features/consultation/index.ts'
import type { ImportMessages } from '#app/features/import/index.ts'
import type { IssueMessages } from '#app/features/issue/index.ts'
import type { LedgerMessages } from '#app/features/ledger/index.ts'
import type { LivelihoodMessages } from '#app/features/livelihood/index.ts'
import type { MeMessages } from '#app/features/me/index.ts'
import type { MessagesMessages } from '#app/features/messages/index.ts'
import type { MeetingMessages } from '#app/features/meeting/index.ts'
import type { OversightMessages } from '#app/features/oversight/index.ts'
import type { SettingsMessages } from '#app/features/settings/index.ts'
import type { SyncMessages } from '#app/features/sync/index.ts'
import type { SupervisionMessages } from '#app/features/supervision/index.ts'
import type { PublicMessages } from '#app/public/messages.ts'

/** Every message tree of the app, merged. */
export type AllMessages = ShellMessages &
  AdminMessages &
  AssessmentMessages &
  ConsultationMessages &
  ConsultationPublicMessages &
  DeputyMessages &
  OutreachMessages &
  DeskMessages &
  DisclosureMessages &
  ImportMessages &
  IssueMessages &
  LedgerMessages &
  LivelihoodMessages &
  MeMessages &
  MessagesMessages &
  MeetingMessages &
  OversightMessages &
  SettingsMessages &
  SyncMessages &
  SupervisionMessages &
  PublicMessages

/** The dotted paths to the leaves (the texts) of a message tree. */
export type LeafPaths<T> = {
  [K in keyof T & (string | number)]: T[K] extends string ? `${K}` : `${K}.${LeafPaths<T[K]>}`
}[keyof T & (string | number)]

/** A key that some messages file defines. */
export type MessageKey = LeafPaths<AllMessages>
