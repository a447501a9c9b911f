/**
 * The server's own actor for imported reports (issue #19.3, #19.4): rows of
 * another platform's export and reports pushed through the open API are
 * filed by it, never by a user. Its id cannot be a user's (user ids have no
 * colon) and a device cannot claim it: the actor comes from the session.
 * Zod-free, so the issue kind can import it.
 */
import type { Actor } from '../sync/record-kind.ts'

/** The import actor's id. */
export const IMPORT_ACTOR_ID = 'system:import'

/** The name the ledger shows for a report imported from `source`. */
export function importActorName(source: string): string {
  return `${source}（导入）`
}

/** True when `actor` is the import actor. */
export function isImportActor(actor: Pick<Actor, 'userId'>): boolean {
  return actor.userId === IMPORT_ACTOR_ID
}
