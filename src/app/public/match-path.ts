/** Path matching of the public bundle's router (router.ts), on its own so it tests without a page. */

/** The parameters of `pathname` when it matches `pattern`, else null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/')
  const have = pathname.replace(/\/+$/, '').split('/')
  if (want.length !== have.length) return null
  const params: Record<string, string> = {}
  for (const [index, part] of want.entries()) {
    const segment = have[index] ?? ''
    if (part.startsWith(':')) {
      if (segment === '') return null
      const value = decodeSegment(segment)
      if (value === null) return null
      params[part.slice(1)] = value
    } else if (part !== segment) return null
  }
  return params
}

/** A segment decoded, or null for a malformed escape (a mistyped link is not found, not a crash). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}
