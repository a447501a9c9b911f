/**
 * The demo seed, in the order the data depends on itself: the county's units,
 * then its accounts and each township's 议事清单; after those (see
 * `seedDemo`) the demo policy campaign and the mediator pool. Each domain
 * writes its own part, next to its code (`*.seed.ts`). Seeding is idempotent:
 * units, users, items and records that already exist are left as they are.
 */
import type { Kysely } from 'kysely'
import { seedDemoAssessment } from '../assessment/assessment.seed.ts'
import { seedDemoPostEvaluations } from '../assessment/post-evaluation.seed.ts'
import { seedDemoCatalogue } from '../consultation/catalogue.seed.ts'
import { seedDemoAccounts } from '../auth/demo-accounts.seed.ts'
import { seedDemoConsultation } from '../consultation/consultation.seed.ts'
import { seedDemoList } from '../discussable/discussable.seed.ts'
import { seedDemoDisclosure } from '../disclosure/disclosure.seed.ts'
import { seedDemoLivelihood } from '../livelihood/livelihood.seed.ts'
import { seedDemoDeputy } from '../deputy/deputy.seed.ts'
import { seedDemoImport } from '../import/import.seed.ts'
import { seedDemoMediatorPool } from '../meeting/mediator-pool.seed.ts'
import { demoCounty, seedDemoOrg } from '../org/demo-county.seed.ts'
import { seedDemoHistory } from '../supervision/history.seed.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import type { Database } from './database.ts'
import type { DatabaseSchema } from './database-schema.ts'

/**
 * Writes the demo county (units, accounts, 议事清单) and no synced records;
 * safe to run any number of times. Returns what it added.
 */
export async function seedDemoCounty(db: Kysely<DatabaseSchema>) {
  const { units, accounts } = demoCounty()
  const now = new Date().toISOString()
  await seedDemoOrg(db, units, now)
  const accountsAdded = await seedDemoAccounts(db, accounts, now)
  await seedDemoList(db, units, now)
  return { units: units.length, accountsAdded }
}

/**
 * Everything a demo server starts with: the county, a policy campaign, a
 * public consultation, the mediator pool, and (unless `history` is false) six months of history so
 * the work desk and the supervision screens show something on first login.
 */
export async function seedDemo(
  database: Database,
  kinds: KindRegistry,
  { history = true }: { history?: boolean } = {},
): Promise<void> {
  await seedDemoCounty(database.db)
  await seedDemoAssessment(database, kinds)
  await seedDemoConsultation(database, kinds)
  await seedDemoCatalogue(database, kinds)
  await seedDemoMediatorPool(database.db)
  await seedDemoLivelihood(database, kinds)
  await seedDemoDeputy(database, kinds)
  await seedDemoDisclosure(database, kinds)
  await seedDemoImport(database, kinds)
  if (history) {
    await seedDemoHistory(database.db, demoCounty().units)
    await seedDemoPostEvaluations(database.db, demoCounty().units)
  }
}
