/**
 * Where each element of a body's top-level array (`{"items": [...]}`) sits in the body's JSON text, so the server
 * can hand its workers slices of the text it parsed instead of stringifying the parsed items again (≈2 ms of a
 * 1,024-item batch on the server's one main thread, whose time bounds the throughput of every worker).
 *
 * Called only on text `JSON.parse` has accepted, and only trusted for a body the caller validated without
 * changing it. A slice must be exactly the value that was validated (what is checked is what is scored), so the
 * scan is strict: strings are skipped by their closing quote (an odd run of backslashes before a quote escapes
 * it), brackets are counted outside strings, and anything a plain reading could get wrong (a top-level key
 * written with escapes, which could spell the key twice; the key twice; a value that is not an array; a count
 * that disagrees with the parse) gives `undefined`, and the caller stringifies as before.
 */

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++
  return i
}

/** Index just past the string whose opening quote is at `at`; -1 if it never closes. */
function stringEnd(text: string, at: number): number {
  let from = at + 1
  for (;;) {
    const quote = text.indexOf('"', from)
    if (quote < 0) return -1
    let b = quote - 1
    while (text.charCodeAt(b) === BACKSLASH) b--
    if ((quote - 1 - b) % 2 === 0) return quote + 1
    from = quote + 1
  }
}

/** Index just past the value that starts at `at`; -1 if it does not end. */
function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at)
  if (first === QUOTE) return stringEnd(text, at)
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // a number, true, false or null: up to the next delimiter
    let i = at
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c)) break
    }
    return i
  }
  let depth = 0
  let i = at
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      i = stringEnd(text, i)
      if (i < 0) return -1
      continue
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1
    i++
  }
  return -1
}

/** The elements of the array at `at` as [start, end) pairs, or undefined if it is not an array. */
function elementSpans(text: string, at: number): { spans: number[]; end: number } | undefined {
  if (text.charCodeAt(at) !== OPEN_BRACKET) return undefined
  const spans: number[] = []
  let i = skipSpace(text, at + 1)
  if (text.charCodeAt(i) === CLOSE_BRACKET) return { spans, end: i + 1 }
  for (;;) {
    const end = valueEnd(text, i)
    if (end < 0) return undefined
    spans.push(i, end)
    i = skipSpace(text, end)
    const c = text.charCodeAt(i)
    if (c === CLOSE_BRACKET) return { spans, end: i + 1 }
    if (c !== COMMA) return undefined
    i = skipSpace(text, i + 1)
  }
}

/**
 * The [start, end) offsets of each element of the array under top-level `key` in `text`, flattened
 * (`[start0, end0, start1, end1, ...]`), when there are exactly `count` of them; else undefined (see the module
 * comment). `text` must be JSON that `JSON.parse` accepted.
 */
export function itemSpans(text: string, key: string, count: number): number[] | undefined {
  let i = skipSpace(text, 0)
  if (text.charCodeAt(i) !== OPEN_BRACE) return undefined
  i = skipSpace(text, i + 1)
  if (text.charCodeAt(i) === CLOSE_BRACE) return undefined
  let found: number[] | undefined
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return undefined
    const keyEnd = stringEnd(text, i)
    if (keyEnd < 0) return undefined
    const name = text.slice(i + 1, keyEnd - 1)
    if (name.includes('\\')) return undefined
    i = skipSpace(text, keyEnd)
    if (text.charCodeAt(i) !== COLON) return undefined
    i = skipSpace(text, i + 1)
    if (name === key) {
      if (found) return undefined
      const array = elementSpans(text, i)
      if (!array) return undefined
      found = array.spans
      i = array.end
    } else {
      const end = valueEnd(text, i)
      if (end < 0) return undefined
      i = end
    }
    i = skipSpace(text, i)
    const c = text.charCodeAt(i)
    if (c === CLOSE_BRACE) break
    if (c !== COMMA) return undefined
    i = skipSpace(text, i + 1)
  }
  return found && found.length === 2 * count ? found : undefined
}

/** The JSON text of elements [from, to) as an array, from `itemSpans`' offsets. */
export function sliceItems(text: string, spans: readonly number[], from: number, to: number): string {
  if (to <= from) return '[]'
  return `[${text.slice(spans[2 * from] as number, spans[2 * to - 1] as number)}]`
}
