/**
 * A stand-in for the built PWA in dist/: the shell, a service worker and one
 * hashed asset, in a temp folder, for the server's static serving.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const INDEX_HTML = '<!doctype html><title>说事</title><div id="app"></div>'
export const HASHED_ASSET = '/assets/index-abc123.js'

export interface FakeDist {
  dir: string
  remove(): Promise<void>
}

export async function createFakeDist(): Promise<FakeDist> {
  const dir = await mkdtemp(join(tmpdir(), 'shuoshi-dist-'))
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), INDEX_HTML)
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  await writeFile(join(dir, HASHED_ASSET), 'console.log(1)')
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}
