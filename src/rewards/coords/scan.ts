/**
 * Linear-time scanning primitives shared by the format parsers. Written by hand rather than with regexes so that
 * every scan consumes the text once, whatever the model wrote (no backtracking, no per-match allocation beyond the
 * numbers themselves).
 */

/** A shape as the model wrote it: its numbers in text order, in the model's own coordinate space. */
export type Shape =
  | { kind: 'box'; coords: readonly [number, number, number, number]; label?: string; at: number }
  | { kind: 'point'; coords: readonly [number, number]; label?: string; at: number }

export type ParsedBox = Extract<Shape, { kind: 'box' }>
export type ParsedPoint = Extract<Shape, { kind: 'point' }>

/** Labels are cut to this many characters. */
export const MAX_LABEL = 200
/** A bracket group with more numbers than this is not a coordinate group; the scan gives up on it early. */
const MAX_GROUP_NUMBERS = 16

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13

/** Index just past the number starting at `i` (`[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?`), or -1. */
export function numberEnd(text: string, i: number): number {
  let j = i
  const s = text.charCodeAt(j)
  if (s === 45 || s === 43) j++ // - +
  let digits = 0
  while (isDigit(text.charCodeAt(j))) {
    j++
    digits++
  }
  if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    j++
    while (isDigit(text.charCodeAt(j))) {
      j++
      digits++
    }
  } else if (text.charCodeAt(j) === 46 && digits > 0) j++ // "12." as Python float("12.")
  if (digits === 0) return -1
  const e = text.charCodeAt(j)
  if (e === 101 || e === 69) {
    let k = j + 1
    const sign = text.charCodeAt(k)
    if (sign === 45 || sign === 43) k++
    if (isDigit(text.charCodeAt(k))) {
      while (isDigit(text.charCodeAt(k))) k++
      j = k
    }
  }
  return j
}

/**
 * Reads a flat group of numbers separated by commas and/or whitespace, starting just after an opening bracket and
 * ending at `close` (`]`, `)` or `>` ...). Returns the numbers and the index after `close`, or undefined when
 * anything else appears (a letter, a nested bracket) or the group runs past `MAX_GROUP_NUMBERS`.
 */
export function readGroup(text: string, start: number, close: number): { nums: number[]; end: number } | undefined {
  const nums: number[] = []
  let i = start
  let needSep = false
  for (;;) {
    const c = text.charCodeAt(i)
    if (isSpace(c)) {
      i++
      continue
    }
    if (c === close) return { nums, end: i + 1 }
    if (c === 44) {
      if (!needSep) return undefined // ",," or a leading comma
      needSep = false
      i++
      continue
    }
    const j = numberEnd(text, i)
    if (j === -1 || nums.length >= MAX_GROUP_NUMBERS) return undefined
    nums.push(Number(text.slice(i, j)))
    needSep = true
    i = j
  }
}

/** Every number in `text[start, end)`, at most `max` of them (a loose scan for tagged values). */
export function scanNumbers(text: string, start: number, end: number, max = MAX_GROUP_NUMBERS): number[] {
  const out: number[] = []
  let i = start
  while (i < end && out.length < max) {
    const c = text.charCodeAt(i)
    // a sign glued to a preceding digit is a separator ("10-20"), not a sign
    const signAfterDigit = (c === 45 || c === 43) && i > start && isDigit(text.charCodeAt(i - 1))
    if (!signAfterDigit && (isDigit(c) || c === 45 || c === 43 || c === 46)) {
      const j = numberEnd(text, i)
      if (j !== -1 && j <= end) {
        out.push(Number(text.slice(i, j)))
        i = j
        continue
      }
    }
    i++
  }
  return out
}

/** A trimmed, length-capped label, or undefined when empty. */
export function cleanLabel(s: string | undefined): string | undefined {
  if (s === undefined) return undefined
  const t = s.trim()
  if (!t) return undefined
  return t.length > MAX_LABEL ? t.slice(0, MAX_LABEL) : t
}

/** Adds a shape for 4 numbers (a box) or 2 (a point); other counts are ignored. Returns false once `out` is full. */
export function pushShape(out: Shape[], nums: readonly number[], at: number, label: string | undefined, max: number) {
  if (out.length >= max) return false
  if (nums.length === 4) {
    const box: Shape = { kind: 'box', coords: [nums[0]!, nums[1]!, nums[2]!, nums[3]!], at }
    if (label !== undefined) box.label = label
    out.push(box)
  } else if (nums.length === 2) {
    const point: Shape = { kind: 'point', coords: [nums[0]!, nums[1]!], at }
    if (label !== undefined) point.label = label
    out.push(point)
  }
  return out.length < max
}

/**
 * Plain coordinates: `[x1, y1, x2, y2]` or `(x1, y1, x2, y2)` boxes, `(x1,y1),(x2,y2)` corner pairs, and `[x, y]` /
 * `(x, y)` points, left to right, inside `text[start, end)`. Nested lists (`[[x1,y1,x2,y2]]`) yield their inner
 * groups. Groups of other lengths are skipped.
 */
export function scanPlain(text: string, out: Shape[], max: number, start = 0, end = text.length, label?: string): void {
  let i = start
  while (i < end && out.length < max) {
    const c = text.charCodeAt(i)
    if (c !== 91 && c !== 40) {
      i++
      continue
    }
    const group = readGroup(text, i + 1, c === 91 ? 93 : 41)
    if (!group || group.end > end) {
      i++
      continue
    }
    let nums = group.nums
    let next = group.end
    if (c === 40 && nums.length === 2) {
      // "(x1,y1),(x2,y2)": a second pair right after makes a box (Qwen2-VL, Qwen-VL, LISA)
      let k = next
      while (k < end && isSpace(text.charCodeAt(k))) k++
      if (text.charCodeAt(k) === 44) k++
      while (k < end && isSpace(text.charCodeAt(k))) k++
      if (text.charCodeAt(k) === 40) {
        const second = readGroup(text, k + 1, 41)
        if (second && second.end <= end && second.nums.length === 2) {
          nums = [nums[0]!, nums[1]!, second.nums[0]!, second.nums[1]!]
          next = second.end
        }
      }
    }
    if (!pushShape(out, nums, i, label, max)) return
    i = next
  }
}

/**
 * `text.indexOf(needle, from)`, but only looking `window` characters ahead (-1 beyond), so that repeated searches
 * for a missing closer stay linear overall.
 */
export function indexWithin(text: string, needle: string, from: number, window: number): number {
  const i = text.slice(from, from + window + needle.length).indexOf(needle)
  return i === -1 ? -1 : from + i
}
