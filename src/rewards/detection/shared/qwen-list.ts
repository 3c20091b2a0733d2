import type { ParsedPredictions, PredObject } from './answer.js'

/**
 * A one-pass reader for the list Qwen2.5-VL writes, `[{"bbox_2d": [x1, y1, x2, y2], "label": "cat"}, …]`, that gives
 * exactly what `JSON.parse` followed by the detection reading would, without building the intermediate objects
 * (`JSON.parse` and the walk over its result were most of a detection reward's time). It accepts only a strict
 * subset of JSON: a list of objects whose keys are `bbox_2d` (four JSON numbers) and `label` (a string without
 * escapes), each at most once, separated by JSON whitespace. Anything else (other keys, escapes, a number label,
 * nested values, broken syntax) returns undefined, and the caller falls back to `JSON.parse`.
 *
 * It scans the UTF-8 bytes of the text (`TextEncoder.encodeInto` into a reused buffer) rather than `charCodeAt`:
 * the answer is a slice of the response, and every `charCodeAt` on a sliced string re-dispatches on the string's
 * representation, which made the scan cost as much as `JSON.parse` (bytes: ~3× faster). Outside strings JSON is
 * ASCII, so a byte index is a char index there; inside a label each multi-byte sequence shifts the two apart by
 * (bytes − UTF-16 units), which `shift` tracks to slice labels and long numbers from the text itself. Checked
 * against `readJsonList` (`JSON.parse`) by the property tests in qwen-list.test.ts.
 * @example scanQwenList('[{"bbox_2d": [1, 2, 3, 4], "label": "cat"}]') //= { items: [{ raw: [1, 2, 3, 4], label: 'cat' }], total: 1, via: 'json', uniform: true }
 */
export function scanQwenList(text: string): ParsedPredictions | undefined {
  const read = scan(text)
  bytes = scratch // drop a one-off buffer at once
  return read
}

function scan(text: string): ParsedPredictions | undefined {
  // most texts that are not a list are known by their first character: no need to encode them
  let first = 0
  while (isWs(text.charCodeAt(first))) first++
  if (text.charCodeAt(first) !== 91 /* [ */) return undefined
  const end = encode(text)
  const b = bytes
  // b[end] is a 0 sentinel: no test below accepts it, so the scan stops there and never reads past the text
  let shift = 0
  let i = first + 1
  let c = b[i] as number
  if (c <= 32) {
    i = ws(b, i)
    c = b[i] as number
  }
  const items: PredObject[] = []
  let total = 0
  if (c !== 93 /* ] */)
    for (;;) {
      if (c !== 123 /* { */) return undefined
      c = b[++i] as number
      if (c <= 32) {
        i = ws(b, i)
        c = b[i] as number
      }
      let raw: [number, number, number, number] | undefined
      let label: string | undefined
      if (c !== 125 /* } */)
        for (;;) {
          // a key: exactly "bbox_2d" or "label", each once
          if (c !== 34 /* " */) return undefined
          const k = b[i + 1]
          const box = k === 98 && raw === undefined && isBboxKey(b, i + 2)
          if (box) i += 9
          else if (k === 108 && label === undefined && isLabelKey(b, i + 2)) i += 7
          else return undefined
          c = b[i] as number
          if (c <= 32) {
            i = ws(b, i)
            c = b[i] as number
          }
          if (c !== 58 /* : */) return undefined
          c = b[++i] as number
          if (c <= 32) {
            i = ws(b, i)
            c = b[i] as number
          }
          if (box) {
            if (c !== 91 /* [ */) return undefined
            raw = [0, 0, 0, 0]
            for (let k = 0; k < 4; k++) {
              c = b[++i] as number
              if (c <= 32) {
                i = ws(b, i)
                c = b[i] as number
              }
              i = readNumber(b, i, text, shift, raw, k)
              if (i < 0) return undefined
              c = b[i] as number
              if (c <= 32) {
                i = ws(b, i)
                c = b[i] as number
              }
              if (c !== (k === 3 ? 93 /* ] */ : 44) /* , */) return undefined
            }
          } else {
            // a string without escapes or control characters; bytes ≥ 0x80 belong to multi-byte characters
            if (c !== 34 /* " */) return undefined
            const start = i + 1 - shift
            for (;;) {
              c = b[++i] as number
              if (c === 34 || c === 92 /* \ */ || c < 32) break
              // a lead byte of 2 (0xC0–0xDF), 3 (0xE0–0xEF) or 4 (0xF0–) bytes stands for 1, 1 or 2 UTF-16 units
              if (c >= 0xc0) shift += c >= 0xe0 ? 2 : 1
            }
            if (c !== 34) return undefined
            label = text.slice(start, i - shift)
          }
          c = b[++i] as number
          if (c <= 32) {
            i = ws(b, i)
            c = b[i] as number
          }
          if (c === 125 /* } */) break
          if (c !== 44 /* , */) return undefined
          c = b[++i] as number
          if (c <= 32) {
            i = ws(b, i)
            c = b[i] as number
          }
        }
      total++
      if (raw) items.push({ raw, label: label ?? '' })
      c = b[++i] as number
      if (c <= 32) {
        i = ws(b, i)
        c = b[i] as number
      }
      if (c === 93 /* ] */) break
      if (c !== 44 /* , */) return undefined
      c = b[++i] as number
      if (c <= 32) {
        i = ws(b, i)
        c = b[i] as number
      }
    }
  // only whitespace may follow the list; the sentinel is the last byte
  return ws(b, i + 1) === end ? { items, total, via: 'json', uniform: true } : undefined
}

let scratch = new Uint8Array(4096)
/** the buffer `encode` wrote to last: `scratch`, or a one-off one for a huge text */
let bytes = scratch
const encoder = new TextEncoder()

/**
 * Writes the UTF-8 bytes of `text` and a 0 sentinel to `bytes` and returns the sentinel's index. The buffer is
 * reused (3 bytes per UTF-16 unit is the most UTF-8 needs; a lone surrogate becomes the 3 bytes of U+FFFD); a
 * text past 64 KiB gets a one-off buffer, so the reused one stays small.
 */
function encode(text: string): number {
  const need = 3 * text.length + 1
  if (need > 1 << 16) bytes = new Uint8Array(need)
  else {
    if (scratch.length < need) scratch = new Uint8Array(Math.max(need, 2 * scratch.length))
    bytes = scratch
  }
  const { written } = encoder.encodeInto(text, bytes)
  bytes[written] = 0
  return written
}

/** JSON whitespace (space, tab, LF, CR) only: `JSON.parse` rejects the other characters `trim` removes. */
function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9
}

function ws(b: Uint8Array, i: number): number {
  while (isWs(b[i] as number)) i++
  return i
}

/** `bbox_2d"` from `at` (the key's second letter on). */
function isBboxKey(b: Uint8Array, at: number): boolean {
  return (
    b[at] === 98 &&
    b[at + 1] === 111 &&
    b[at + 2] === 120 &&
    b[at + 3] === 95 &&
    b[at + 4] === 50 &&
    b[at + 5] === 100 &&
    b[at + 6] === 34
  )
}

/** `label"` from `at` (the key's second letter on). */
function isLabelKey(b: Uint8Array, at: number): boolean {
  return b[at] === 97 && b[at + 1] === 98 && b[at + 2] === 101 && b[at + 3] === 108 && b[at + 4] === 34
}

/**
 * Reads the JSON number at byte `i` (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`) into `out[k]`; returns its end, or
 * −1. Integers of up to 15 digits are accumulated digit by digit (exact); anything else goes through `Number` on
 * the same characters of `text` (byte index − `shift`), which rounds a valid JSON literal as `JSON.parse` does.
 */
function readNumber(b: Uint8Array, i: number, text: string, shift: number, out: number[], k: number): number {
  let j = i
  let c = b[j] as number
  const neg = c === 45 /* - */
  if (neg) c = b[++j] as number
  let v = 0
  if (c === 48 /* 0 */) c = b[++j] as number
  else if (c > 48 && c <= 57)
    do {
      v = v * 10 + (c - 48)
      c = b[++j] as number
    } while (c >= 48 && c <= 57)
  else return -1
  let int = true
  if (c === 46 /* . */) {
    int = false
    c = b[++j] as number
    if (!(c >= 48 && c <= 57)) return -1
    do c = b[++j] as number
    while (c >= 48 && c <= 57)
  }
  if (c === 101 || c === 69 /* e E */) {
    int = false
    c = b[++j] as number
    if (c === 43 || c === 45) c = b[++j] as number
    if (!(c >= 48 && c <= 57)) return -1
    do c = b[++j] as number
    while (c >= 48 && c <= 57)
  }
  out[k] = int && j - i <= 15 ? (neg ? -v : v) : Number(text.slice(i - shift, j - shift))
  return j
}
