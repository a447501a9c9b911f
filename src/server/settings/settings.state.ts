/**
 * The settings in force on this server: the latest saved version, or the
 * initial values from the environment (version 0). Held in memory so that
 * every mutation reads them without a query; a save in this process updates
 * them at once, and each sync request re-reads the latest version number
 * (one indexed row), so a second process sharing the database follows
 * within its next sync (docs/settings.md).
 */
import type { Kysely } from 'kysely'
import type { LivelihoodKindOptions } from '#shared/livelihood/livelihood.kind.ts'
import { kindsOfSettings, liveKinds, type KindMap } from '#shared/settings/settings.kinds.ts'
import {
  DEFAULT_COUNTY_SETTINGS,
  type CountySettings,
  type SettingsSnapshot,
} from '#shared/settings/settings.schema.ts'
import type { Config } from '../config.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { latestVersion, readLatestSettings } from './settings.repository.ts'

/** The settings a county starts with: its environment over the defaults. */
export function initialSettingsOf(config: Config): CountySettings {
  const { oversight } = config
  return {
    ...DEFAULT_COUNTY_SETTINGS,
    stageDeadlines: { ...config.issueStageDeadlines },
    consultation: { ...config.consultationRules },
    oversight: {
      supervisionBody: oversight.supervisionBody,
      reviewBody: oversight.reviewBody,
      reviewContactPoints: oversight.reviewContactPoints
        ? [...oversight.reviewContactPoints]
        : null,
      selfCorrectionStepDays: { ...oversight.selfCorrectionStepDays },
    },
  }
}

/** The settings in force and the record kinds built on them. */
export interface SettingsState {
  current(): SettingsSnapshot
  /** Follows every change: hand it to the routes once. */
  readonly kinds: KindMap
  /** Takes a snapshot just saved (or read) as the one in force. */
  use(snapshot: SettingsSnapshot): void
  /** Re-reads the latest version when the database has a newer one than this process. */
  refresh(db: Kysely<DatabaseSchema>): Promise<void>
}

export function createSettingsState(
  initial: CountySettings,
  livelihood: LivelihoodKindOptions = {},
): SettingsState {
  let snapshot: SettingsSnapshot = {
    version: 0,
    settings: initial,
    changedAt: null,
    changedByName: null,
  }
  let kinds = kindsOfSettings(snapshot, { livelihood })
  const use = (next: SettingsSnapshot) => {
    // Never step back: a slower refresh must not undo a newer save.
    if (next.version < snapshot.version) return
    snapshot = next
    kinds = kindsOfSettings(next, { livelihood })
  }
  return {
    current: () => snapshot,
    kinds: liveKinds(() => kinds),
    use,
    async refresh(db) {
      if ((await latestVersion(db)) === snapshot.version) return
      const latest = await readLatestSettings(db)
      if (latest) use(latest)
    },
  }
}
