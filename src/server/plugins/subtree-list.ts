/**
 * The admin and org screens' list routes all answer the same way: a GET that
 * needs one permission and returns `{ [key]: rows }` read from the caller's
 * subtree (scope.ts), optionally filtered by a query string. One factory, so
 * no list can forget the permission or read outside the scope path.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Permission } from '#shared/auth/permissions.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { requirePermission, scopePathOf } from './scope.ts'

/** What one subtree list route reads and how it names its answer. */
export interface SubtreeListOptions<Key extends string, Item extends z.ZodType, Query> {
  url: string
  permission: Permission
  /** The answer's one field, e.g. `users` for `{ users: [...] }`. */
  key: Key
  /** The schema of one row of the answer. */
  item: Item
  /** The query string's schema, when the list takes filters. */
  querystring?: z.ZodType<Query>
  /** The rows under `scopePath` (the caller's subtree) matching `query`. */
  list(
    this: void,
    db: Kysely<DatabaseSchema>,
    scopePath: string,
    query: Query,
  ): Promise<z.infer<Item>[]>
}

/** Registers `GET url` answering `{ [key]: list(db, caller's scope path, query) }`. */
export function subtreeListRoute<Key extends string, Item extends z.ZodType, Query = unknown>(
  app: FastifyInstance,
  options: SubtreeListOptions<Key, Item, Query>,
): void {
  const { db } = app.database
  const { url, permission, key, item, querystring, list } = options
  const response = z.object({ [key]: z.array(item) })
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      url,
      { schema: { ...(querystring && { querystring }), response: { 200: response } } },
      async (request) => {
        const auth = requirePermission(request, permission)
        return { [key]: await list(db, scopePathOf(auth), request.query as Query) }
      },
    )
}
