/**
 * In-page probes of the issue inbox, for test/bench/issue-list-bench.ts. Each
 * is handed to page.evaluate, so it runs inside the app's page and must not
 * use anything from its module (Playwright sends the function's source).
 * Timing happens in the page: a Playwright round trip per check would add
 * milliseconds of its own to every figure.
 *
 * "Shown" means painted: a change is seen in the DOM (MutationObserver, no
 * polling delay), then one animation frame runs and a message-channel task
 * after it fires once that frame has been rendered.
 */

export interface UpdateTiming {
  ms: number
  /** The list's count line after the change (e.g. "共 1,184 条"). */
  count: string
}

export interface ScrollFigures {
  frames: number[]
  /** Rows in the DOM after each step. */
  rows: number[]
  /** Long tasks (> 50 ms) seen during the pass. */
  longTasks: number
  longTaskMs: number
  /** True when the last row of the list was in the DOM at the end. */
  reachedEnd: boolean
  scrollHeight: number
}

/** Clicks the 说事 tab; ms until the first issue row is painted. */
export async function firstRowAfterTab(): Promise<number> {
  const card = '[data-test="issue-card"]'
  const tab = document.querySelector<HTMLElement>('[data-test="tab-issues"]')
  if (!tab) throw new Error('no 说事 tab')
  const painted = () =>
    new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => resolve()
        channel.port2.postMessage(null)
      }),
    )
  const hasRow = () => {
    const row = document.querySelector(card)
    return row !== null && row.getBoundingClientRect().height > 0
  }
  const started = performance.now()
  const shown = new Promise<void>((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!hasRow()) return
      observer.disconnect()
      clearTimeout(timer)
      resolve()
    })
    const timer = setTimeout(() => {
      observer.disconnect()
      reject(new Error('no issue row within 60 s'))
    }, 60_000)
    observer.observe(document.body, { childList: true, subtree: true })
  })
  tab.click()
  await shown
  await painted()
  return performance.now() - started
}

/**
 * Clicks the element matched by `selector` (whose text includes `text`, when
 * given) or, with `search`, types it into the search box at once (as a paste
 * would); ms until the list's count line shows a new value, painted.
 */
export async function timedListUpdate(what: {
  selector?: string
  text?: string
  search?: string
}): Promise<UpdateTiming> {
  const countLine = document.querySelector('[data-test="issue-count"]')
  if (!countLine) throw new Error('no issue count line')
  const before = countLine.textContent ?? ''
  const painted = () =>
    new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => resolve()
        channel.port2.postMessage(null)
      }),
    )
  let act: () => void
  if (what.search !== undefined) {
    const input = document.querySelector<HTMLInputElement>('[data-test="issue-search"] input')
    if (!input) throw new Error('no search box')
    const query = what.search
    act = () => {
      input.value = query
      input.dispatchEvent(new Event('input', { bubbles: true }))
    }
  } else {
    const candidates = Array.from(document.querySelectorAll<HTMLElement>(what.selector ?? ''))
    const target = candidates.find(
      (element) => what.text === undefined || (element.textContent ?? '').includes(what.text),
    )
    if (!target) throw new Error(`nothing matches ${what.selector} ${what.text ?? ''}`)
    act = () => target.click()
  }
  const started = performance.now()
  const changed = new Promise<void>((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if ((countLine.textContent ?? '') === before) return
      observer.disconnect()
      clearTimeout(timer)
      resolve()
    })
    const timer = setTimeout(() => {
      observer.disconnect()
      reject(new Error(`the count stayed "${before}" for 30 s`))
    }, 30_000)
    observer.observe(countLine, { childList: true, subtree: true, characterData: true })
  })
  act()
  await changed
  await painted()
  return { ms: performance.now() - started, count: (countLine.textContent ?? '').trim() }
}

/**
 * Scrolls the virtual list in `steps` steps: from top to bottom when
 * `stepPx` is 0 (each step a fraction of the whole height, re-read as rows
 * get measured), else by `stepPx` per frame from the top. Records the time
 * between animation frames (a step per frame) and the rows in the DOM.
 */
export async function scrollThrough({
  steps,
  stepPx,
}: {
  steps: number
  stepPx: number
}): Promise<ScrollFigures> {
  const scroller = document.querySelector<HTMLElement>('[data-test="issue-list"]')
  if (!scroller) throw new Error('no issue list')
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
  const rowCount = () => scroller.querySelectorAll('.issue-scroller__row').length
  scroller.scrollTop = 0
  await frame()
  await frame()
  let longTasks = 0
  let longTaskMs = 0
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks += 1
      longTaskMs += entry.duration
    }
  })
  observer.observe({ type: 'longtask', buffered: false })
  const frames: number[] = []
  const rows: number[] = []
  let last = await frame()
  for (let step = 1; step <= steps; step++) {
    const bottom = scroller.scrollHeight - scroller.clientHeight
    scroller.scrollTop =
      stepPx > 0 ? Math.min(bottom, step * stepPx) : Math.round((bottom * step) / steps)
    const now = await frame()
    frames.push(now - last)
    rows.push(rowCount())
    last = now
  }
  // Rows get measured after they render, so the bottom may have moved: settle there.
  if (stepPx === 0) {
    for (let i = 0; i < 10; i++) {
      scroller.scrollTop = scroller.scrollHeight
      await frame()
    }
  }
  observer.disconnect()
  const indexes = Array.from(scroller.querySelectorAll<HTMLElement>('.issue-scroller__row')).map(
    (row) => Number(row.dataset.index),
  )
  const countText = document.querySelector('[data-test="issue-count"]')?.textContent ?? ''
  const total = Number(countText.replace(/[^\d]/g, ''))
  return {
    frames,
    rows,
    longTasks,
    longTaskMs,
    reachedEnd: indexes.includes(total - 1),
    scrollHeight: scroller.scrollHeight,
  }
}

/** Issue records in the device's IndexedDB (the app's `records` table, kind 'issue'). */
export async function countIssueRecords(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('shuoshi')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('open failed'))
  })
  try {
    if (!db.objectStoreNames.contains('records')) return 0
    return await new Promise<number>((resolve, reject) => {
      const request = db
        .transaction('records')
        .objectStore('records')
        .index('kind')
        .count(IDBKeyRange.only('issue'))
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error ?? new Error('count failed'))
    })
  } finally {
    // Never hold the app's database open: it could block a schema upgrade.
    db.close()
  }
}

export interface RawRead {
  /** getAll of every whole issue record: what the inbox read before its first row until #13.4. */
  recordsMs: number
  /** getAll of every lean issue list row (`rows`, [kind+sortKey]): what it reads now. */
  rowsMs: number
  /** The first page alone, newest first from the index (what paints first). */
  firstPageMs: number
  /** The records' and the rows' size as JSON, MB. */
  recordsMb: number
  rowsMb: number
  /** Mean JSON bytes per issue: `data`, `serverData` (kept only under pending changes), list row. */
  dataBytes: number
  serverDataBytes: number
  rowBytes: number
  /** Records still holding a server copy (those with outbox entries). */
  withServerCopy: number
}

/**
 * Every issue record and every issue list row straight from IndexedDB (one
 * getAll each, as Dexie's toArray does, without Dexie's copy): ms and size.
 */
export async function readIssueRecords(firstPage: number): Promise<RawRead> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('shuoshi')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('open failed'))
  })
  const timed = async <T>(read: () => IDBRequest<T>) => {
    const started = performance.now()
    const result = await new Promise<T>((resolve, reject) => {
      const request = read()
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error ?? new Error('read failed'))
    })
    return { ms: performance.now() - started, result }
  }
  try {
    type Stored = { data?: unknown; serverData?: unknown }
    const records = await timed(
      () =>
        db
          .transaction('records')
          .objectStore('records')
          .index('kind')
          .getAll(IDBKeyRange.only('issue')) as IDBRequest<Stored[]>,
    )
    const hasRows = db.objectStoreNames.contains('rows')
    const range = IDBKeyRange.bound(['issue'], ['issue', []])
    const rowIndex = () => db.transaction('rows').objectStore('rows').index('[kind+sortKey]')
    const rows = hasRows
      ? await timed(() => rowIndex().getAll(range) as IDBRequest<unknown[]>)
      : { ms: Number.NaN, result: [] as unknown[] }
    // The first page newest first, as useListRows reads it (a reverse cursor).
    const pageStarted = performance.now()
    const pageRows = hasRows
      ? await new Promise<number>((resolve, reject) => {
          let found = 0
          const cursor = rowIndex().openCursor(range, 'prev')
          cursor.onsuccess = () => {
            const at = cursor.result
            if (at && ++found < firstPage) at.continue()
            else resolve(found)
          }
          cursor.onerror = () => reject(cursor.error ?? new Error('read failed'))
        })
      : 0
    const page = { ms: pageRows > 0 ? performance.now() - pageStarted : Number.NaN }
    const bytes = (value: unknown) => (value === undefined ? 0 : JSON.stringify(value).length)
    const mean = (list: readonly unknown[], size: (item: never) => number) =>
      list.length === 0
        ? 0
        : Math.round(list.reduce<number>((sum, item) => sum + size(item as never), 0) / list.length)
    const mb = (value: unknown) => Math.round(bytes(value) / 104_857.6) / 10
    return {
      recordsMs: records.ms,
      rowsMs: rows.ms,
      firstPageMs: page.ms,
      recordsMb: mb(records.result),
      rowsMb: mb(rows.result),
      dataBytes: mean(records.result, (record: Stored) => bytes(record.data)),
      serverDataBytes: mean(records.result, (record: Stored) => bytes(record.serverData)),
      rowBytes: mean(rows.result, (row: unknown) => bytes(row)),
      withServerCopy: records.result.filter((record) => record.serverData !== undefined).length,
    }
  } finally {
    db.close()
  }
}

/** Bytes the origin's IndexedDB takes on disk, as the browser reports it. */
export async function indexedDbBytes(): Promise<number> {
  const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
    usageDetails?: { indexedDB?: number }
  }
  return estimate.usageDetails?.indexedDB ?? estimate.usage ?? Number.NaN
}

/** When the device last finished a sync (syncMeta 'state'), or null. */
export async function lastSyncAt(): Promise<string | null> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('shuoshi')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('open failed'))
  })
  try {
    if (!db.objectStoreNames.contains('syncMeta')) return null
    return await new Promise<string | null>((resolve, reject) => {
      const request = db.transaction('syncMeta').objectStore('syncMeta').get('state')
      request.onsuccess = () => {
        const state = request.result as { lastSuccessAt?: string | null } | undefined
        resolve(state?.lastSuccessAt ?? null)
      }
      request.onerror = () => reject(request.error ?? new Error('read failed'))
    })
  } finally {
    db.close()
  }
}

/** Issue rows in the DOM now (virtualised: a screenful plus overscan). */
export function renderedRows(): number {
  return document.querySelectorAll('[data-test="issue-card"]').length
}
