import type { ParsedPredictions, PredObject } from './answer.js'

/**
 * A one-pass reader for the list Qwen2.5-VL writes, `[{"bbox_2d": [x1, y1, x2, y2], "label": "cat"}, …]`, that gives
 * exactly what `JSON.parse` followed by the detection reading would, without building the intermediate objects
 * (`JSON.parse` and the walk over its result were most of a detection reward's time). It accepts only a strict
 * subset of JSON: a list of objects whose keys are `bbox_2d` (four JSON numbers) and `label` (a string without
 * escapes), each at most once, separated by JSON whitespace. Anything else (other keys, escapes, a number label,
 * nested values, broken syntax) returns undefined, and the caller falls back to `JSON.parse`.
 * @example scanQwenList('[{"bbox_2d": [1, 2, 3, 4], "label": "cat"}]') //= { items: [{ raw: [1, 2, 3, 4], label: 'cat' }], total: 1, via: 'json', uniform: true }
 */
export function scanQwenList(text: string): ParsedPredictions | undefined {
  let i = ws(text, 0)
  if (text.charCodeAt(i) !== 91 /* [ */) return undefined
  i = ws(text, i + 1)
  const items: PredObject[] = []
  let total = 0
  if (text.charCodeAt(i) !== 93 /* ] */)
    for (;;) {
      if (text.charCodeAt(i) !== 123 /* { */) return undefined
      i = ws(text, i + 1)
      let raw: [number, number, number, number] | undefined
      let label: string | undefined
      if (text.charCodeAt(i) !== 125 /* } */)
        for (;;) {
          // a key: exactly "bbox_2d" or "label", each once
          if (text.charCodeAt(i) !== 34 /* " */) return undefined
          const first = text.charCodeAt(i + 1)
          if (first === 98 && raw === undefined && matches(text, i + 1, BBOX_2D)) i += 1 + BBOX_2D.length
          else if (first === 108 && label === undefined && matches(text, i + 1, LABEL)) i += 1 + LABEL.length
          else return undefined
          i = ws(text, i)
          if (text.charCodeAt(i) !== 58 /* : */) return undefined
          i = ws(text, i + 1)
          if (first === 98) {
            raw = [0, 0, 0, 0]
            i = readBox(text, i, raw)
          } else {
            const end = stringEnd(text, i)
            if (end >= 0) label = text.slice(i + 1, end)
            i = end + 1
          }
          if (i <= 0) return undefined
          i = ws(text, i)
          const c = text.charCodeAt(i)
          if (c === 125 /* } */) break
          if (c !== 44 /* , */) return undefined
          i = ws(text, i + 1)
        }
      total++
      if (raw) items.push({ raw, label: label ?? '' })
      i = ws(text, i + 1)
      const c = text.charCodeAt(i)
      if (c === 93 /* ] */) break
      if (c !== 44 /* , */) return undefined
      i = ws(text, i + 1)
    }
  return ws(text, i + 1) === text.length ? { items, total, via: 'json', uniform: true } : undefined
}

// the key text after its opening quote, closing quote included
const BBOX_2D = [...'bbox_2d"'].map((c) => c.charCodeAt(0))
const LABEL = [...'label"'].map((c) => c.charCodeAt(0))

function matches(text: string, at: number, codes: readonly number[]): boolean {
  for (let k = 0; k < codes.length; k++) if (text.charCodeAt(at + k) !== codes[k]) return false
  return true
}

/** Skips JSON whitespace only (space, tab, LF, CR): `JSON.parse` rejects the other characters `trim` removes. */
function ws(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i
    i++
  }
}

/** Index of the closing quote of the string opening at `i`, or −1 (not a string, an escape, a control character). */
function stringEnd(text: string, i: number): number {
  if (text.charCodeAt(i) !== 34 /* " */) return -1
  const end = text.indexOf('"', i + 1)
  for (let j = i + 1; j < end; j++) {
    const c = text.charCodeAt(j)
    if (c === 92 /* \ */ || c < 32) return -1
  }
  return end
}

/** Reads `[n, n, n, n]` at `i` into `out`; returns the index after `]`, or −1. */
function readBox(text: string, i: number, out: [number, number, number, number]): number {
  if (text.charCodeAt(i) !== 91 /* [ */) return -1
  for (let k = 0; k < 4; k++) {
    i = readNumber(text, ws(text, i + 1), out, k)
    if (i < 0) return -1
    i = ws(text, i)
    if (text.charCodeAt(i) !== (k === 3 ? 93 /* ] */ : 44) /* , */) return -1
  }
  return i + 1
}

/**
 * Reads the JSON number at `i` (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`) into `out[k]`; returns its end, or −1.
 * Integers of up to 15 digits are accumulated digit by digit (exact); anything else goes through `Number`, which
 * rounds a valid JSON literal as `JSON.parse` does.
 */
function readNumber(text: string, i: number, out: number[], k: number): number {
  let j = i
  let c = text.charCodeAt(j)
  const neg = c === 45 /* - */
  if (neg) c = text.charCodeAt(++j)
  let v = 0
  if (c === 48 /* 0 */) c = text.charCodeAt(++j)
  else if (c > 48 && c <= 57)
    do {
      v = v * 10 + (c - 48)
      c = text.charCodeAt(++j)
    } while (c >= 48 && c <= 57)
  else return -1
  let int = true
  if (c === 46 /* . */) {
    int = false
    c = text.charCodeAt(++j)
    if (!(c >= 48 && c <= 57)) return -1
    do c = text.charCodeAt(++j)
    while (c >= 48 && c <= 57)
  }
  if (c === 101 || c === 69 /* e E */) {
    int = false
    c = text.charCodeAt(++j)
    if (c === 43 || c === 45) c = text.charCodeAt(++j)
    if (!(c >= 48 && c <= 57)) return -1
    do c = text.charCodeAt(++j)
    while (c >= 48 && c <= 57)
  }
  out[k] = int && j - i <= 15 ? (neg ? -v : v) : Number(text.slice(i, j))
  return j
}
