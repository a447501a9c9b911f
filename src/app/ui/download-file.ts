/** Hands a file made on the device to the browser as a download (kept in 下载 / Downloads). */
export function downloadFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  // The browser has taken the file; the object URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
