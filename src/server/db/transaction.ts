/**
 * A transaction the caller controls (kysely's ControlledTransaction), for the
 * writes that must hold a transaction open across savepoints: a device push,
 * a public ballot, a public opinion.
 */
import type { ControlledTransaction, Kysely } from 'kysely'
import type { DatabaseSchema } from './database-schema.ts'

/** An open transaction of `inTransaction`. */
export type Trx = ControlledTransaction<DatabaseSchema>

/**
 * Runs `work` in a transaction of its own: committed when it returns,
 * rolled back when it throws (and the error passed on).
 */
export async function inTransaction<T>(
  db: Kysely<DatabaseSchema>,
  work: (trx: Trx) => Promise<T>,
): Promise<T> {
  const trx = await db.startTransaction().execute()
  try {
    const result = await work(trx)
    await trx.commit().execute()
    return result
  } catch (error) {
    await trx.rollback().execute()
    throw error
  }
}
