/**
 * A stand-in for the built PWA in dist/: the shell, the public pages' entry, a service worker and one
 * hashed assets (one small, one large), in a temp folder, for the server's static serving.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const INDEX_HTML = '<!doctype html><title>说事</title><div id="app"></div>'
/** The public pages' own entry (src/app/public/). */
export const PUBLIC_HTML = '<!doctype html><title>说事 · 公开</title><div id="app"></div>'
export const HASHED_ASSET = '/assets/index-abc123.js'
/** A hashed asset large enough to be worth compressing (about 30 KB of repetitive JS). */
export const LARGE_ASSET = '/assets/vendor-def456.js'
export const LARGE_ASSET_SOURCE = Array.from(
  { length: 600 },
  (_, i) => `export const label${i} = '说事 ${i}: 村说事站、乡镇说事处、县说事中心'`,
).join('\n')

export interface FakeDist {
  dir: string
  remove(): Promise<void>
}

export async function createFakeDist(): Promise<FakeDist> {
  const dir = await mkdtemp(join(tmpdir(), 'shuoshi-dist-'))
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), INDEX_HTML)
  await writeFile(join(dir, 'public.html'), PUBLIC_HTML)
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  await writeFile(join(dir, HASHED_ASSET), 'console.log(1)')
  await writeFile(join(dir, LARGE_ASSET), LARGE_ASSET_SOURCE)
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}
