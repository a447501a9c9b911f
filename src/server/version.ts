/** The product version, from package.json, read once at start. */
import { readFileSync } from 'node:fs'

const pkg: unknown = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
)

export const APP_VERSION =
  typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0'
