/**
 * Tag extraction (`<answer>…</answer>`, `<think>…</think>`) with the exact semantics of Python's `re` as the
 * reference repos use it (rewards.md P1), in linear time: no regex runs over the content.
 */

export interface ExtractTagOptions {
  /** `first` as `re.search` (Visual-RFT, SATORI); `last` as the last of `re.findall` (VLM-R1, Time-R1). Default `first`. */
  which?: 'first' | 'last'
  /** DOTALL: whether the content may span lines. Default true; Visual-RFT's detection path uses false. */
  multiline?: boolean
  /**
   * Accept whitespace inside the tags (`< answer >`, `</ answer>`), as EasyR1's fix for Qwen2.5-VL-32B output
   * (`re.sub(r"\s*(<|>|/)\s*", r"\1", s)`). Default true.
   */
  lenient?: boolean
}

interface TagSpan {
  /** index where the content starts */
  start: number
  /** index where the content ends (the close tag's `<`) */
  end: number
  /** index just after the close tag */
  after: number
}

/** JavaScript's `\s`, by code unit, without a regex call per character (this loop is on every reward's path). */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c > 127 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  )
}

/** Finds every tag occurrence `<name>` (or `</name>` when `close`), as [start, end) index pairs. */
function findTags(text: string, name: string, close: boolean, lenient: boolean): number[] {
  const out: number[] = []
  const strict = close ? `</${name}>` : `<${name}>`
  if (!lenient) {
    for (let i = text.indexOf(strict); i !== -1; i = text.indexOf(strict, i + 1)) out.push(i, i + strict.length)
    return out
  }
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    let j = i + 1
    while (j < text.length && isSpace(text.charCodeAt(j))) j++
    if (close) {
      if (text.charCodeAt(j) !== 47 /* / */) continue
      j++
      while (j < text.length && isSpace(text.charCodeAt(j))) j++
    }
    if (!text.startsWith(name, j)) continue
    j += name.length
    while (j < text.length && isSpace(text.charCodeAt(j))) j++
    if (text.charCodeAt(j) === 62 /* > */) out.push(i, j + 1)
  }
  return out
}

/** Index of the first element of sorted `xs` (pairs: even indices) with xs[k] >= at, else -1. */
function nextPair(xs: readonly number[], at: number): number {
  let lo = 0
  let hi = xs.length / 2
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((xs[mid * 2] as number) < at) lo = mid + 1
    else hi = mid
  }
  return lo < xs.length / 2 ? lo * 2 : -1
}

/** All non-overlapping `<name>…</name>` matches, left to right, as `re.finditer(r"<name>(.*?)</name>")` finds them. */
function tagSpans(text: string, name: string, multiline: boolean, lenient: boolean, firstOnly: boolean): TagSpan[] {
  const opens = findTags(text, name, false, lenient)
  if (opens.length === 0) return []
  const closes = findTags(text, name, true, lenient)
  const spans: TagSpan[] = []
  let from = 0
  for (let k = 0; k < opens.length; k += 2) {
    const openStart = opens[k] as number
    if (openStart < from) continue
    const start = opens[k + 1] as number
    const c = nextPair(closes, start)
    if (c === -1) break // no close after this open, so none after any later open either
    const end = closes[c] as number
    if (!multiline) {
      const nl = text.indexOf('\n', start)
      if (nl !== -1 && nl < end) continue // `.` cannot cross the newline: the regex retries at the next open
    }
    spans.push({ start, end, after: closes[c + 1] as number })
    if (firstOnly) break
    from = closes[c + 1] as number
  }
  return spans
}

/**
 * The content of a `<tag>…</tag>` block, or undefined when there is none.
 * @see https://github.com/om-ai-lab/VLM-R1 (last match), https://github.com/Liuziyu77/Visual-RFT (first, no DOTALL)
 * @example extractTag('<think>x</think><answer> B </answer>', 'answer') //= ' B '
 */
export function extractTag(text: string, tag: string, options: ExtractTagOptions = {}): string | undefined {
  const { which = 'first', multiline = true, lenient = true } = options
  const spans = tagSpans(text, tag, multiline, lenient, which === 'first')
  const span = which === 'first' ? spans[0] : spans[spans.length - 1]
  return span ? text.slice(span.start, span.end) : undefined
}

/**
 * Every `<tag>…</tag>` block's content, left to right (non-overlapping, as `re.findall`).
 * @example extractAllTags('<box>1</box> and <box>2</box>', 'box') //= ['1', '2']
 */
export function extractAllTags(text: string, tag: string, options: Omit<ExtractTagOptions, 'which'> = {}): string[] {
  const { multiline = true, lenient = true } = options
  return tagSpans(text, tag, multiline, lenient, false).map((s) => text.slice(s.start, s.end))
}

/**
 * The answer text as most references take it: the `<answer>` block's content if there is one, else (when
 * `fallbackToWhole`) the whole output, as Visual-RFT and CLS-RL fall back. Trimmed.
 * @example extractAnswer('<answer> 42 </answer>') //= '42'
 */
export function extractAnswer(
  text: string,
  options: ExtractTagOptions & { fallbackToWhole?: boolean } = {},
): string | undefined {
  const found = extractTag(text, 'answer', options)
  if (found !== undefined) return found.trim()
  return options.fallbackToWhole ? text.trim() : undefined
}
