/**
 * The signature canvas: CSS height fixed, drawn at the screen's pixel ratio
 * (capped, so a signature stays a small PNG — a few KB — on any phone).
 */

/** Height of the pad on screen, in CSS pixels. */
export const SIGNATURE_HEIGHT = 160
/** Highest pixel ratio the PNG is drawn at: sharper adds bytes, not legibility on paper. */
export const MAX_SIGNATURE_RATIO = 2

/** The canvas's pixel size and drawing scale for a pad `cssWidth` wide on a screen of `devicePixelRatio`. */
export function canvasSize(
  cssWidth: number,
  devicePixelRatio: number,
): { width: number; height: number; ratio: number } {
  const ratio = Math.min(Math.max(devicePixelRatio || 1, 1), MAX_SIGNATURE_RATIO)
  return {
    width: Math.round(Math.max(cssWidth, 1) * ratio),
    height: Math.round(SIGNATURE_HEIGHT * ratio),
    ratio,
  }
}
