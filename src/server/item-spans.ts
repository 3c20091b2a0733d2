/**
 * Where each element of a body's top-level array (`{"items": [...]}`) sits in the body's UTF-8 bytes, so the server
 * can hand its workers slices of the request instead of parsing and stringifying its items on its one main
 * thread, whose time bounds the throughput of every worker.
 *
 * A slice must be exactly the value that is validated (what is checked is what is scored), so the scan is strict:
 * strings are skipped by their closing quote (an odd run of backslashes before a quote escapes it), brackets are
 * counted outside strings, and anything a plain reading could get wrong (a top-level key written with escapes,
 * which could spell the key twice; the key twice; a value that is not an array; a count that disagrees with the
 * parse) gives `undefined`, and the caller parses the body itself. It does not check that the body is JSON: the
 * values between the boundaries are parsed where they are used (the workers refuse what does not parse). A value
 * nested past the server's bound (nesting.ts) gives `undefined` too, so the caller's parse refuses it.
 */
import { MAX_DEPTH } from './nesting.js'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

/** Values under the body's keys and items nest at most this deep here; deeper ones go the way that words the 400. */
const VALUE_DEPTH = MAX_DEPTH - 2

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

function skipSpace(text: Buffer, i: number): number {
  while (i < text.length && isSpace(text[i] as number)) i++
  return i
}

/** Index just past the string whose opening quote is at `at`; -1 if it never closes. */
function stringEnd(text: Buffer, at: number): number {
  let from = at + 1
  for (;;) {
    const quote = text.indexOf(QUOTE, from)
    if (quote < 0) return -1
    let b = quote - 1
    while (text[b] === BACKSLASH) b--
    if ((quote - 1 - b) % 2 === 0) return quote + 1
    from = quote + 1
  }
}

/** Index just past the value that starts at `at`; -1 if it does not end. */
function valueEnd(text: Buffer, at: number): number {
  const first = text[at]
  if (first === QUOTE) return stringEnd(text, at)
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // a number, true, false or null: up to the next delimiter
    let i = at
    for (; i < text.length; i++) {
      const c = text[i] as number
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c)) break
    }
    return i
  }
  let depth = 0
  let i = at
  while (i < text.length) {
    const c = text[i]
    if (c === QUOTE) {
      i = stringEnd(text, i)
      if (i < 0) return -1
      continue
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > VALUE_DEPTH) return -1
    } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1
    i++
  }
  return -1
}

/** The elements of the array at `at` as [start, end) pairs, or undefined if it is not an array. */
function elementSpans(text: Buffer, at: number): { spans: number[]; end: number } | undefined {
  if (text[at] !== OPEN_BRACKET) return undefined
  const spans: number[] = []
  let i = skipSpace(text, at + 1)
  if (text[i] === CLOSE_BRACKET) return { spans, end: i + 1 }
  for (;;) {
    const end = valueEnd(text, i)
    if (end < 0) return undefined
    spans.push(i, end)
    i = skipSpace(text, end)
    const c = text[i]
    if (c === CLOSE_BRACKET) return { spans, end: i + 1 }
    if (c !== COMMA) return undefined
    i = skipSpace(text, i + 1)
  }
}

/** Where the items are: each element's [start, end) byte offsets, flattened, and the array's own [start, end). */
export interface ItemSpans {
  /** `[start0, end0, start1, end1, ...]` */
  spans: number[]
  start: number
  end: number
}

/**
 * The elements of the array under top-level `key` in `bytes` (see the module comment), when there are `count`
 * of them (any number when `count` is undefined); else undefined.
 */
export function itemSpans(bytes: Uint8Array, key: string, count?: number): ItemSpans | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let i = skipSpace(text, 0)
  if (text[i] !== OPEN_BRACE) return undefined
  i = skipSpace(text, i + 1)
  if (text[i] === CLOSE_BRACE) return undefined
  let found: ItemSpans | undefined
  for (;;) {
    if (text[i] !== QUOTE) return undefined
    const keyEnd = stringEnd(text, i)
    if (keyEnd < 0) return undefined
    const name = text.toString('latin1', i + 1, keyEnd - 1)
    if (name.includes('\\')) return undefined
    i = skipSpace(text, keyEnd)
    if (text[i] !== COLON) return undefined
    i = skipSpace(text, i + 1)
    if (name === key) {
      if (found) return undefined
      const array = elementSpans(text, i)
      if (!array) return undefined
      found = { spans: array.spans, start: i, end: array.end }
      i = array.end
    } else {
      const end = valueEnd(text, i)
      if (end < 0) return undefined
      i = end
    }
    i = skipSpace(text, i)
    const c = text[i]
    if (c === CLOSE_BRACE) break
    if (c !== COMMA) return undefined
    i = skipSpace(text, i + 1)
  }
  if (skipSpace(text, i + 1) !== text.length) return undefined
  return found && (count === undefined || found.spans.length === 2 * count) ? found : undefined
}

/** The UTF-8 JSON text of elements [from, to) as an array: a copy, so it crosses to a worker on its own. */
export function sliceItems(bytes: Uint8Array, { spans }: ItemSpans, from: number, to: number): Uint8Array {
  const start = to > from ? (spans[2 * from] as number) : 0
  const end = to > from ? (spans[2 * to - 1] as number) : 0
  const out = new Uint8Array(end - start + 2)
  out[0] = OPEN_BRACKET
  out.set(bytes.subarray(start, end), 1)
  out[out.length - 1] = CLOSE_BRACKET
  return out
}

/** The body with its items array emptied (`[]`): the rest of the request, to parse on its own. */
export function withoutItems(bytes: Uint8Array, { start, end }: ItemSpans): Uint8Array {
  const out = new Uint8Array(bytes.length - (end - start) + 2)
  out.set(bytes.subarray(0, start), 0)
  out[start] = OPEN_BRACKET
  out[start + 1] = CLOSE_BRACKET
  out.set(bytes.subarray(end), start + 2)
  return out
}
