/**
 * Downloads a ledger the server generates: online only (a ledger is the
 * server's single copy, never the phone's), with the bytes received shown
 * while a long one streams in, then saved through a temporary link.
 */
import { ref } from 'vue'
import { apiRequest, ApiError } from '#app/api/http.ts'
import { downloadFile } from '#app/ui/download-file.ts'
import type { LedgerFormat, LedgerSplit } from '#shared/ledger/ledgers.ts'
import type { PeriodQuery } from '#shared/supervision/period.ts'

/** What the screen asks for. */
export interface LedgerRequest {
  ledgerId: string
  title: string
  period: PeriodQuery | null
  split: LedgerSplit
  format: LedgerFormat
}

/** A county's full ledger takes seconds to make and longer to carry over 3G. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000

export function useLedgerExport() {
  const isExporting = ref(false)
  const received = ref(0)
  /** The server's reason, '' when the download failed without one (network), null when none. */
  const error = ref<string | null>(null)
  const savedName = ref<string | null>(null)

  async function download(request: LedgerRequest): Promise<void> {
    isExporting.value = true
    received.value = 0
    error.value = null
    savedName.value = null
    const query = new URLSearchParams({ format: request.format, split: request.split })
    for (const [key, value] of Object.entries(request.period ?? {})) {
      if (typeof value === 'string') query.set(key, value)
    }
    try {
      const blob = await apiRequest<Blob>(
        `/api/ledgers/${encodeURIComponent(request.ledgerId)}?${query.toString()}`,
        {
          asBlob: true,
          timeoutMs: DOWNLOAD_TIMEOUT_MS,
          onProgress: (bytes) => {
            received.value = bytes
          },
        },
      )
      const name = `${request.title}-${request.period?.at ?? 'all'}.${request.format}`
      downloadFile(blob, name)
      savedName.value = name
    } catch (caught) {
      error.value = caught instanceof ApiError ? caught.message : ''
    } finally {
      isExporting.value = false
    }
  }

  return { isExporting, received, error, savedName, download }
}
