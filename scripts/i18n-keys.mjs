// Lists message keys that no app source refers to.
//
//   npx tsx scripts/i18n-keys.mjs      # prints the unused keys, exits 1 if any
//
// A key counts as used when an app file (src/app, messages files excepted)
// holds it as a quoted string ('issue.fields.title', keypath="…", a key kept
// in a table), or holds a quoted prefix of it: a template head such as
// `issue.tag.${tag}` keeps the whole issue.tag family, and a subtree passed
// as a value (labels="issue.urgency", then `${labels}.${value}`) keeps that
// subtree. scripts/i18n-keys.test.mjs runs this in the unit suite.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The dotted paths of every text in a message tree. */
export function messageKeys(tree, prefix = '') {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : messageKeys(value, `${prefix}${key}.`),
  )
}

/** Every quoted dotted string and template head (`a.b.${`) in a source text. */
export function quotedPaths(source) {
  const paths = []
  for (const match of source.matchAll(/['"`]([A-Za-z_][\w-]*(?:\.[\w-]+)*)(\.?)(?=['"`]|\$\{)/g)) {
    // A bare word ('issue', a route name) is not a key: it would keep a whole namespace.
    if (match[1].includes('.') || match[2]) paths.push(match[1] + match[2])
  }
  return paths
}

/** The keys that none of the quoted paths names or lies under. */
export function unusedKeys(keys, paths) {
  const exact = new Set(paths.filter((path) => !path.endsWith('.')))
  const prefixes = paths.map((path) => (path.endsWith('.') ? path : `${path}.`))
  return keys.filter((key) => !exact.has(key) && !prefixes.some((head) => key.startsWith(head)))
}

/** The app's source files that may refer to keys: .vue and .ts, without messages files and tests. */
export function appSources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return appSources(path)
    const isSource =
      /\.(vue|ts)$/.test(name) && !/\.(test|zh-CN)\.ts$/.test(name) && !name.endsWith('.d.ts')
    return isSource ? [readFileSync(path, 'utf8')] : []
  })
}

/** The shell's and every feature's message trees, merged. */
export async function allMessages() {
  const files = [
    '../src/app/i18n/zh-CN.ts',
    ...readdirSync(new URL('../src/app/features/', import.meta.url)).map(
      (feature) => `../src/app/features/${feature}/messages.zh-CN.ts`,
    ),
  ].filter((file) => {
    try {
      return statSync(new URL(file, import.meta.url)).isFile()
    } catch {
      return false
    }
  })
  const modules = await Promise.all(
    files.map((file) => import(new URL(file, import.meta.url).href)),
  )
  return Object.assign({}, ...modules.flatMap((module) => Object.values(module)))
}

export async function findUnusedKeys() {
  const app = fileURLToPath(new URL('../src/app/', import.meta.url))
  const keys = messageKeys(await allMessages())
  return { keys, unused: unusedKeys(keys, appSources(app).flatMap(quotedPaths)) }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { keys, unused } = await findUnusedKeys()
  console.log(`${keys.length} keys, ${unused.length} unused`)
  for (const key of unused) console.log(`  ${key}`)
  process.exitCode = unused.length > 0 ? 1 : 0
}
