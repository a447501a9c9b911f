import { describe, expect, it } from 'vitest'
import { matchPath } from './match-path.ts'

describe('matchPath', () => {
  it('reads the named segments of a matching path, decoded', () => {
    expect(matchPath('/w/:unitId', '/w/demo-t1-v1')).toEqual({ unitId: 'demo-t1-v1' })
    expect(matchPath('/w/:unitId/poster', '/w/a%20b/poster/')).toEqual({ unitId: 'a b' })
    expect(matchPath('/r/track', '/r/track')).toEqual({})
  })

  it('refuses other paths, extra or missing segments and empty parameters', () => {
    expect(matchPath('/w/:unitId', '/w/a/poster')).toBeNull()
    expect(matchPath('/w/:unitId/poster', '/w/a')).toBeNull()
    expect(matchPath('/r/track', '/r/new')).toBeNull()
    expect(matchPath('/r/new/:unitId', '/r/new/')).toBeNull()
    expect(matchPath('/w/:unitId', '/w/%E4%')).toBeNull()
  })
})
