import { isSpace } from './sequence.js'

/**
 * The `13a` tokenizer of sacrebleu (mteval-v13a.pl), which HF `evaluate`'s `bleu` and `google_bleu` copy.
 * sacrebleu applies four regex substitutions in turn; each pattern is one character or a fixed pair of
 * characters, so a left-to-right scan that consumes a pair on a match reproduces `re.sub` exactly (checked
 * against the regexes themselves in the tests) at a fraction of the cost of capture-group replacement.
 * @see https://github.com/mjpost/sacrebleu/blob/master/sacrebleu/tokenizers/tokenizer_13a.py
 */

const isDigit = (c: number) => c >= 48 && c <= 57
const isPeriodComma = (c: number) => c === 46 || c === 44

/** `[\{-\~\[-\` -\&\(-\+\:-\@\/]` */
function isPunct(c: number): boolean {
  return (
    (c >= 123 && c <= 126) ||
    (c >= 91 && c <= 96) ||
    (c >= 32 && c <= 38) ||
    (c >= 40 && c <= 43) ||
    (c >= 58 && c <= 64) ||
    c === 47
  )
}

/** The four substitutions, as one string; exported for the equivalence test. */
export function apply13aRules(line: string): string {
  // 1. punctuation and symbols get spaces around them
  let s = ''
  for (let i = 0; i < line.length; i++) s += isPunct(line.charCodeAt(i)) ? ` ${line[i]} ` : line[i]
  // 2. ([^0-9])([.,]) → '\1 \2 '
  let t = ''
  for (let i = 0; i < s.length; i++) {
    if (i + 1 < s.length && !isDigit(s.charCodeAt(i)) && isPeriodComma(s.charCodeAt(i + 1))) {
      t += `${s[i]} ${s[i + 1]} `
      i++
    } else t += s[i]
  }
  // 3. ([.,])([^0-9]) → ' \1 \2'
  s = ''
  for (let i = 0; i < t.length; i++) {
    if (i + 1 < t.length && isPeriodComma(t.charCodeAt(i)) && !isDigit(t.charCodeAt(i + 1))) {
      s += ` ${t[i]} ${t[i + 1]}`
      i++
    } else s += t[i]
  }
  // 4. ([0-9])(-) → '\1 \2 '
  if (!s.includes('-')) return s
  t = ''
  for (let i = 0; i < s.length; i++) {
    if (i + 1 < s.length && isDigit(s.charCodeAt(i)) && s.charCodeAt(i + 1) === 45) {
      t += `${s[i]} - `
      i++
    } else t += s[i]
  }
  return t
}

// Scratch for `tokenize13a`: each rule rewrites (code, source index) pairs from one pair of buffers into the other.
// Rules only insert spaces (source index -1), so every token is a slice of the input: no string is built per rule.
let codes = [new Int32Array(1024), new Int32Array(1024)] as const
let from = [new Int32Array(1024), new Int32Array(1024)] as const

function ensure(size: number): void {
  if (codes[0].length >= size) return
  codes = [new Int32Array(size), new Int32Array(size)]
  from = [new Int32Array(size), new Int32Array(size)]
}

/** Rule 2, 3 or 4 as `apply13aRules` scans it, from buffer `a` into `1 − a`; returns the new length. */
function rewrite(a: 0 | 1, len: number, rule: 2 | 3 | 4): number {
  const c = codes[a]
  const f = from[a]
  const oc = codes[1 - a] as Int32Array
  const of = from[1 - a] as Int32Array
  let o = 0
  for (let i = 0; i < len; i++) {
    const x = c[i] as number
    const y = i + 1 < len ? (c[i + 1] as number) : -1
    const hit =
      y >= 0 &&
      (rule === 2
        ? !isDigit(x) && isPeriodComma(y)
        : rule === 3
          ? isPeriodComma(x) && !isDigit(y)
          : isDigit(x) && y === 45)
    if (!hit) {
      oc[o] = x
      of[o++] = f[i] as number
      continue
    }
    // rule 2: 'x y ' — rule 3: ' x y' — rule 4: 'x y '
    if (rule === 3) {
      oc[o] = 32
      of[o++] = -1
    }
    oc[o] = x
    of[o++] = f[i] as number
    oc[o] = 32
    of[o++] = -1
    oc[o] = y
    of[o++] = f[i + 1] as number
    if (rule !== 3) {
      oc[o] = 32
      of[o++] = -1
    }
    i++
  }
  return o
}

/**
 * Splits a line into 13a tokens (case preserved): the same tokens as `apply13aRules` then a whitespace split.
 * @example tokenize13a('Hello, world! It costs $3.50.') //= ['Hello', ',', 'world', '!', 'It', 'costs', '$', '3.50', '.']
 */
export function tokenize13a(line: string): string[] {
  let s = line
  if (s.includes('<skipped>')) s = s.replaceAll('<skipped>', '')
  if (s.includes('\n')) s = s.replaceAll('-\n', '').replaceAll('\n', ' ')
  if (s.includes('&'))
    s = s.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>')
  return simpleTokens(s) ?? ruleTokens(s)
}

/**
 * The tokens of text without `-` whose every `.` and `,` is followed by whitespace or the end (most prose): there
 * the rules only isolate punctuation (rule 1) and each such `.`/`,` (rule 3), so one scan finds the tokens.
 * Undefined for any other text.
 */
function simpleTokens(s: string): string[] | undefined {
  const out: string[] = []
  let start = -1
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 45 || (isPeriodComma(c) && i + 1 < s.length && !isSpace(s.charCodeAt(i + 1)))) return undefined
    const alone = c !== 32 && (isPunct(c) || isPeriodComma(c))
    if (alone || isSpace(c)) {
      if (start >= 0) out.push(s.slice(start, i))
      start = -1
      if (alone) out.push(s[i] as string)
    } else if (start < 0) start = i
  }
  if (start >= 0) out.push(s.slice(start))
  return out
}

function ruleTokens(s: string): string[] {
  ensure(24 * (s.length + 2)) // each rule at most triples (rule 1) or doubles (2–4) the length
  // rule 1 on ` ${s} `: punctuation and symbols get spaces around them
  const c = codes[0]
  const f = from[0]
  let o = 0
  for (let i = -1; i <= s.length; i++) {
    const x = i < 0 || i === s.length ? 32 : s.charCodeAt(i)
    if (isPunct(x)) {
      c[o] = 32
      f[o++] = -1
    }
    c[o] = x
    f[o++] = i < 0 || i === s.length ? -1 : i
    if (isPunct(x)) {
      c[o] = 32
      f[o++] = -1
    }
  }
  let len = rewrite(1, rewrite(0, o, 2), 3)
  let at: 0 | 1 = 0
  if (s.includes('-')) {
    len = rewrite(0, len, 4)
    at = 1
  }
  const out: string[] = []
  const cc = codes[at]
  const ff = from[at]
  let start = -1
  for (let i = 0; i <= len; i++) {
    if (i === len || isSpace(cc[i] as number)) {
      if (start >= 0) out.push(s.slice(ff[start] as number, (ff[i - 1] as number) + 1))
      start = -1
    } else if (start < 0) start = i
  }
  return out
}
