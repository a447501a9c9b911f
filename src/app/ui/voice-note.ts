/**
 * Recording a resident's words (#21.4): the recorder type and bitrate, and a
 * small controller around MediaRecorder that stops by itself at the limit.
 * The choice of codec and bitrate is explained in docs/field.md.
 */
import {
  VOICE_NOTE_BITS_PER_SECOND,
  VOICE_NOTE_MAX_SECONDS,
  baseTypeOf,
} from '#shared/media/media.ts'

/** Recorder types in order of preference: Opus is the smallest for speech; Safari has only AAC. */
export const RECORDING_TYPES = [
  'audio/webm;codecs=opus',
  'audio/ogg;codecs=opus',
  'audio/mp4',
] as const

/** The first recorder type the browser supports, or null when it records none of them. */
export function pickRecordingType(isSupported: (type: string) => boolean): string | null {
  return RECORDING_TYPES.find((type) => isSupported(type)) ?? null
}

/** Seconds as m:ss, for the running clock and the limit. */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds))
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}

/** Why a recording could not start: the browser cannot record, or the microphone was refused. */
export class RecordingRefusal extends Error {
  constructor(readonly reason: 'unsupported' | 'noMicrophone') {
    super(reason)
  }
}

/** A recording in progress: `stop()` (or the limit) ends it and resolves `done`. */
export interface Recording {
  stop: () => void
  /** The recorded audio, typed as it is stored and uploaded ("audio/webm"). */
  done: Promise<Blob>
}

/**
 * Starts recording from the microphone, mono, at the voice-note bitrate;
 * stops by itself after `VOICE_NOTE_MAX_SECONDS`. Throws a `RecordingRefusal`
 * when the browser cannot record or the microphone is refused.
 */
export async function startRecording(): Promise<Recording> {
  if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia)
    throw new RecordingRefusal('unsupported')
  const mimeType = pickRecordingType((type) => MediaRecorder.isTypeSupported(type))
  if (!mimeType) throw new RecordingRefusal('unsupported')
  let stream: MediaStream
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
    })
  } catch {
    throw new RecordingRefusal('noMicrophone')
  }
  const recorder = new MediaRecorder(stream, {
    mimeType,
    audioBitsPerSecond: VOICE_NOTE_BITS_PER_SECOND,
  })
  const chunks: Blob[] = []
  recorder.addEventListener('dataavailable', (event) => {
    if (event.data.size > 0) chunks.push(event.data)
  })
  const done = new Promise<Blob>((resolve, reject) => {
    recorder.addEventListener('stop', () => {
      clearTimeout(limit)
      // The microphone's light goes off as soon as the note ends.
      stream.getTracks().forEach((track) => track.stop())
      resolve(new Blob(chunks, { type: baseTypeOf(recorder.mimeType || mimeType) }))
    })
    recorder.addEventListener('error', () => reject(new Error('recording failed')))
  })
  const stop = () => {
    if (recorder.state !== 'inactive') recorder.stop()
  }
  const limit = setTimeout(stop, VOICE_NOTE_MAX_SECONDS * 1000)
  recorder.start()
  return { stop, done }
}
