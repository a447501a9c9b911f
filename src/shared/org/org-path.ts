/**
 * Materialized paths. A path is "/" + ids joined by "/" + "/", e.g.
 * "/demo-county/t1/v1/". Ids are lowercase letters, digits and "-" (checked
 * here), so a prefix test is an exact subtree test ("/a/b/" never matches
 * "/a/bc/") and SQL `LIKE 'prefix%'` has no wildcard or case surprises.
 */

/** The characters an org unit id may use. */
export const ORG_ID_PATTERN = /^[a-z0-9-]{1,40}$/

/** The path of a child unit. */
export function childPath(parentPath: string, id: string): string {
  if (!ORG_ID_PATTERN.test(id)) throw new Error(`org unit id must match ${ORG_ID_PATTERN}: ${id}`)
  return `${parentPath}${id}/`
}

/** The path of a root unit (the county). */
export function rootPath(id: string): string {
  return childPath('/', id)
}

/** True when `path` is `scopePath` itself or lies beneath it. */
export function isWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath)
}

/** The ids on a path, top first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0)
}

/**
 * Records that reach down the tree (the mediator pool): an audience entry
 * `${path}*` is seen by the unit at `path`, its whole subtree, and — as any
 * audience path — every unit above it. Plain paths are seen only upward.
 */
export function downwardAudience(path: string): string {
  return `${path}*`
}

/** The downward audience entries that a viewer scoped at `scopePath` sees besides its subtree: those of its ancestors. */
export function downwardAudiencesAbove(scopePath: string): string[] {
  const ids = pathIds(scopePath)
  return ids
    .slice(0, -1)
    .map((_, index) => downwardAudience(`/${ids.slice(0, index + 1).join('/')}/`))
}

/** True when a viewer scoped at `scopePath` sees a record with audience entry `audiencePath`. */
export function audienceReaches(audiencePath: string, scopePath: string): boolean {
  return (
    isWithin(audiencePath, scopePath) || downwardAudiencesAbove(scopePath).includes(audiencePath)
  )
}
