/**
 * Photos from the phone's camera are several MB; villages have slow links and
 * full phones. Every photo is compressed on the device before it is stored:
 * long side ≤ 1600 px, ≤ 300 KB, JPEG, EXIF orientation applied. The library
 * is loaded only when a photo is taken (it is not on the first screen).
 */
export const PHOTO_MAX_SIDE = 1600
export const PHOTO_MAX_BYTES = 300 * 1024

export async function compressPhoto(file: File): Promise<Blob> {
  const { default: imageCompression } = await import('browser-image-compression')
  const compressed = await imageCompression(file, {
    maxWidthOrHeight: PHOTO_MAX_SIDE,
    maxSizeMB: PHOTO_MAX_BYTES / (1024 * 1024),
    fileType: 'image/jpeg',
    initialQuality: 0.8,
    // The library's worker is fetched from a public CDN: never, offline-first.
    useWebWorker: false,
  })
  return new Blob([compressed], { type: 'image/jpeg' })
}
