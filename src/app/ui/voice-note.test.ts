import { describe, expect, it } from 'vitest'
import { formatSeconds, pickRecordingType } from './voice-note.ts'
import { canvasSize, MAX_SIGNATURE_RATIO, SIGNATURE_HEIGHT } from './signature.ts'

describe('pickRecordingType', () => {
  it('prefers Opus in WebM, then Ogg, then the MP4 Safari records', () => {
    expect(pickRecordingType(() => true)).toBe('audio/webm;codecs=opus')
    expect(pickRecordingType((type) => type.startsWith('audio/ogg'))).toBe('audio/ogg;codecs=opus')
    expect(pickRecordingType((type) => type === 'audio/mp4')).toBe('audio/mp4')
  })

  it('says null when the browser records none of them', () => {
    expect(pickRecordingType(() => false)).toBeNull()
  })
})

describe('formatSeconds', () => {
  it('shows minutes and two-digit seconds', () => {
    expect(formatSeconds(0)).toBe('0:00')
    expect(formatSeconds(7.9)).toBe('0:07')
    expect(formatSeconds(60)).toBe('1:00')
    expect(formatSeconds(-3)).toBe('0:00')
  })
})

describe('canvasSize', () => {
  it('draws at the screen’s pixel ratio, capped so the PNG stays small', () => {
    expect(canvasSize(300, 1)).toEqual({ width: 300, height: SIGNATURE_HEIGHT, ratio: 1 })
    expect(canvasSize(300, 3.5)).toEqual({
      width: 300 * MAX_SIGNATURE_RATIO,
      height: SIGNATURE_HEIGHT * MAX_SIGNATURE_RATIO,
      ratio: MAX_SIGNATURE_RATIO,
    })
    // A pad not laid out yet still gets a canvas.
    expect(canvasSize(0, 0).width).toBe(1)
  })
})
