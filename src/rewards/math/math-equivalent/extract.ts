/**
 * Candidate answers in free-form model output, in Math-Verify's priority order (huggingface/Math-Verify,
 * `src/math_verify/parser.py`, `lazy_latex_regex` and `lazy_expr_regex`): "final answer is X. I hope" (0),
 * "final answer … is X" (50), `\boxed{}` (55, or first with `boxedFirst`), "answer: … X" (100), "answer … X"
 * (150), a number at line start (200), any environment or number (300). Within one priority the match that ends
 * last is tried first; the first that parses wins. Environments are found by linear scans, not regexes.
 */
import { fastPathEnabled } from './fast-path.js'
import { normalizeMemo, parseMemo } from './memo.js'
import { braceMatches } from './normalize.js'
import type { ParseState } from './structure.js'
import { type ExtractTarget, MATH_LIMITS, type MathCandidate, type MathValue } from './types.js'

export interface ExtractOptions {
  extract: readonly ExtractTarget[]
  boxedFirst: boolean
}

export interface Span {
  start: number
  end: number
  /** LaTeX to normalise and parse */
  latex: string
  boxed: boolean
}

interface Match {
  start: number
  end: number
  priority: number
  /** one or more answers joined by "and", "or", "," */
  parts: string[]
}

/**
 * `$$…$$`, `\[…\]`, `$…$`, `\(…\)` spans (inline ones on one line), left to right, not overlapping. Jumps from one
 * `$` or backslash to the next with indexOf (chain-of-thought text is mostly neither); tested equal to the
 * character-by-character scan it replaced (oracles.test.ts).
 */
export function environments(text: string): Span[] {
  const out: Span[] = []
  let dollar = text.indexOf('$')
  let slash = text.indexOf('\\')
  for (let i = Math.min(dollar < 0 ? text.length : dollar, slash < 0 ? text.length : slash); i < text.length; ) {
    const ch = text[i]
    let close = ''
    let open = 1
    let skip = false
    if (ch === '$') {
      if (i > 0 && text[i - 1] === '\\') skip = true
      else if (text[i + 1] === '$') {
        close = '$$'
        open = 2
      } else close = '$'
    } else if (text[i + 1] === '[') close = '\\]'
    else if (text[i + 1] === '(') close = '\\)'
    else {
      i++
      skip = true
    }
    if (!skip) {
      if (ch === '\\') open = 2
      const from = i + open
      let end = text.indexOf(close, from)
      while (close === '$' && end > 0 && text[end - 1] === '\\') end = text.indexOf(close, end + 1)
      if (end >= 0) {
        const inner = text.slice(from, end)
        if (!((close === '$' || close === '\\)') && inner.includes('\n'))) {
          if (inner.trim() !== '') out.push({ start: i, end: end + close.length, latex: inner, boxed: false })
          i = end + close.length - 1
        }
      }
    }
    // the next `$` or backslash after i
    const from = i + 1
    if (dollar >= 0 && dollar < from) dollar = text.indexOf('$', from)
    if (slash >= 0 && slash < from) slash = text.indexOf('\\', from)
    i = Math.min(dollar < 0 ? text.length : dollar, slash < 0 ? text.length : slash)
  }
  return out
}

/** Every `\boxed{…}` / `\fbox{…}`, brace-balanced, wherever it is; and bare `\frac{a}{b}` outside `taken`. */
function boxesAndFractions(text: string, envs: readonly Span[]): { boxes: Span[]; fractions: Span[] } {
  const boxes: Span[] = []
  const fractions: Span[] = []
  let first = text.length
  for (const name of ['\\boxed', '\\fbox', '\\frac{']) {
    const at = text.indexOf(name)
    if (at >= 0 && at < first) first = at
  }
  if (first === text.length) return { boxes, fractions }
  // only groups from the first box or fraction on are looked up; start at its run of backslashes (escapes)
  while (first > 0 && text.charCodeAt(first - 1) === 92) first--
  const match = braceMatches(text, fastPathEnabled() ? first : 0)
  let e = 0
  for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i + 1)) {
    const name = text.startsWith('\\boxed', i) ? 6 : text.startsWith('\\fbox', i) ? 5 : 0
    if (name) {
      let j = i + name
      while (text[j] === ' ') j++
      const end = text[j] === '{' ? (match[j] ?? 0) : 0
      if (end > 0) {
        boxes.push({ start: i, end, latex: text.slice(j + 1, end - 1), boxed: true })
        i = end - 1
      }
      continue
    }
    if (!text.startsWith('\\frac{', i)) continue
    while (e < envs.length && (envs[e] as Span).end <= i) e++
    if (e < envs.length && (envs[e] as Span).start <= i) continue
    const a = match[i + 5] ?? 0
    const b = a > 0 && text[a] === '{' ? (match[a] ?? 0) : 0
    if (b > 0) {
      fractions.push({ start: i, end: b, latex: text.slice(i, b), boxed: false })
      i = b - 1
    }
  }
  return { boxes, fractions }
}

/** Matches parsed before giving up: each failed parse may cost the engine a millisecond. */
const MAX_TRIES = 32
const JOIN = /^\s*(?:,|and|or)\s*$/i
const MAX_JOINED = 6

/** Chains of spans joined by "and" / "or" / ",", as the reference's `latex_envs_re`. */
function chains(text: string, spans: readonly Span[]): { start: number; end: number; spans: Span[] }[] {
  const out: { start: number; end: number; spans: Span[] }[] = []
  for (const span of spans) {
    const last = out[out.length - 1]
    // the gap is cut out only when it is short enough to be a joiner
    const joined =
      last !== undefined &&
      last.spans.length < MAX_JOINED &&
      span.start - last.end <= 12 &&
      JOIN.test(text.slice(last.end, span.start))
    if (joined) {
      last.spans.push(span)
      last.end = span.end
    } else out.push({ start: span.start, end: span.end, spans: [span] })
  }
  return out
}

const FINAL_IS = /final answer is:?\s*$/i
const I_HOPE = /^\s*\.?\s?I hope/
const FINAL_JUST_IS = /final answer[\s\S]{0,100}?\sis:?\s*$/i
const ANSWER_COLON = /answer[\s\S]{0,50}?[:：][^\n]{0,50}?$/i
const ANSWER = /answer[\s\S]{0,50}?$/i

/** Where "answer" (any case) occurs in `text`, in order: every phrase that raises a priority contains it. */
function answerWords(text: string): number[] {
  const out: number[] = []
  ANSWER_WORD.lastIndex = 0
  for (let m = ANSWER_WORD.exec(text); m; m = ANSWER_WORD.exec(text)) out.push(m.index)
  return out
}
const ANSWER_WORD = /answer/gi

/** Whether an "answer" lies wholly inside `[lo, hi)`. */
function answerIn(words: readonly number[], lo: number, hi: number): boolean {
  for (const at of words) {
    if (at + 6 > hi) return false
    if (at >= lo) return true
  }
  return false
}

/** The priority a match gets from the text around it (`words`: `answerWords(text)`). */
function priorityOf(
  text: string,
  words: readonly number[],
  start: number,
  end: number,
  boxed: boolean,
  o: ExtractOptions,
  from = 0,
): number {
  // only text after the previous match is context, as the reference's non-overlapping `finditer`
  const lo = Math.max(from, start - 160)
  // each phrase below contains "answer": without one in the context none can match (and the regexes cost more)
  if (fastPathEnabled() && !answerIn(words, lo, start)) return boxed ? (o.boxedFirst ? -1 : 55) : 300
  const before = text.slice(lo, start)
  if (FINAL_IS.test(before) && I_HOPE.test(text.slice(end, end + 12))) return 0
  if (boxed) return o.boxedFirst ? -1 : 55
  if (FINAL_JUST_IS.test(before)) return 50
  if (ANSWER_COLON.test(before)) return 100
  if (ANSWER.test(before)) return 150
  return 300
}

/**
 * A plain number: `1,234`, `1 234` (groups of exactly three after one of 1 to 3, as the reference's
 * `[1-9]\d{0,2}(?:[ ,]\d{3})+`, but one separator throughout, and only when no digit follows the last group,
 * directly or after a space or a decimal mark: `1 2`, `3 4 5`, `1 2345` and `1 234 5` are not merged), `1000,99`,
 * `.5`. The lookahead fails at once or after one group per try: linear.
 */
const NUMBER = /(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d{0,2}(?: \d{3})+(?:\.\d+)?(?!\d| \d|[.,]\d)|\d+)(?:[.,]\d+)?|\.\d+/y
const EXPR_CHARS = /[\d.\s+\-*×/^()÷]/
const OPERATOR = /[+\-*×/^÷]/
const PERCENT = /^\s*(?:%|percent(?:age)?|pct)(?![a-z])/i
const PREFIX = /[\s([{=:>$€£¥₹*]/

/** Plain-text numbers and digit-led expressions outside LaTeX spans. */
function expressions(text: string, words: readonly number[], taken: readonly Span[], o: ExtractOptions): Match[] {
  const out: Match[] = []
  let t = 0
  let lastEnd = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (!((code >= 48 && code <= 57) || code === 46)) continue
    while (t < taken.length && (taken[t] as Span).end <= i) t++
    const span = taken[t]
    if (span && span.start <= i) {
      i = span.end - 1
      continue
    }
    const prev = i > 0 ? (text[i - 1] as string) : ' '
    let start = i
    if (prev === '-' && (i < 2 || PREFIX.test(text[i - 2] as string))) start = i - 1
    else if (!PREFIX.test(prev)) {
      for (let c = text.charCodeAt(i); (c >= 48 && c <= 57) || c === 46; c = text.charCodeAt(++i));
      continue
    }
    NUMBER.lastIndex = i
    const num = NUMBER.exec(text)
    if (!num) continue
    let end = i + num[0].length
    // a digit-led expression: extend over operators and digits
    let k = end
    while (k < text.length && EXPR_CHARS.test(text[k] as string)) k++
    let exprEnd = k
    while (exprEnd > end && /[\s+\-*×/^÷(.]/.test(text[exprEnd - 1] as string)) exprEnd--
    const run = text.slice(start, exprEnd)
    const isExpr = exprEnd > end && OPERATOR.test(text.slice(end, exprEnd)) && balanced(run)
    let latex = isExpr ? run.replace(/×/g, '\\times ').replace(/÷/g, '\\div ') : plainNumber(text.slice(start, end))
    if (isExpr) end = exprEnd
    else {
      const pct = PERCENT.exec(text.slice(end, end + 12))
      if (pct) {
        latex += '%'
        end += pct[0].length
      }
    }
    if (/[a-zA-Z\d]/.test(text[end] ?? ' ') && !isExpr && !/[%a-z]/i.test(latex.slice(-1))) {
      i = end - 1
      continue
    }
    let priority = priorityOf(text, words, start, end, false, o, lastEnd)
    if (priority === 300 && (start === 0 || /\n\s*$/.test(text.slice(Math.max(0, start - 20), start)))) priority = 200
    out.push({ start, end, priority, parts: [latex] })
    lastEnd = end
    i = end - 1
  }
  return out
}

function balanced(s: string): boolean {
  let d = 0
  for (const ch of s) {
    if (ch === '(') d++
    else if (ch === ')' && --d < 0) return false
  }
  return d === 0
}

/** `1,234.5` and `1 234.5` → `1234.5`; a decimal comma `1000,99` → `1000.99`. */
function plainNumber(s: string): string {
  if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) return s.replace(/,/g, '')
  if (/^-?\d{1,3}(?: \d{3})+(?:\.\d+)?$/.test(s)) return s.replace(/ /g, '')
  return s.replace(',', '.')
}

function parseParts(parts: readonly string[], st: ParseState): { text: string; value: MathValue | undefined } {
  if (parts.some((p) => p.length > MATH_LIMITS.exprChars)) {
    st.tooLarge = true
    return { text: '', value: undefined }
  }
  const texts = parts.map(normalizeMemo)
  const text = texts.join(', ')
  if (texts.length === 1) return { text, value: parseMemo(texts[0] as string, st) }
  const items: MathValue[] = []
  for (const t of texts) {
    const v = parseMemo(t, st)
    if (!v) return { text, value: undefined }
    items.push(v)
  }
  return { text, value: { kind: 'set', items } }
}

/**
 * The candidate answers of a free-form text: the first match that parses, in priority order, plus the text of
 * the first match tried (for string equality). Empty when nothing was found.
 * @example extractCandidates('so the answer is $\\frac12$.', { extract: ['latex', 'expr'], boxedFirst: false }, { tooLarge: false })[0]?.text //= '\\frac{1}{2}'
 */
export function extractCandidates(input: string, o: ExtractOptions, st: ParseState): MathCandidate[] {
  const text = input.length > MATH_LIMITS.textChars ? input.slice(-MATH_LIMITS.textChars) : input
  const matches: Match[] = []
  const words = answerWords(text)
  let taken: Span[] = []
  if (o.extract.includes('latex')) {
    const envs = environments(text)
    const { boxes, fractions } = boxesAndFractions(text, envs)
    taken = [...envs, ...fractions].sort((a, b) => a.start - b.start)
    let from = 0
    for (const chain of chains(text, taken)) {
      const priority = priorityOf(text, words, chain.start, chain.end, false, o, from)
      matches.push({ start: chain.start, end: chain.end, priority, parts: chain.spans.map((s) => s.latex) })
      from = chain.end
    }
    for (const chain of chains(text, boxes)) {
      const priority = priorityOf(text, words, chain.start, chain.end, true, o)
      matches.push({ start: chain.start, end: chain.end, priority, parts: chain.spans.map((s) => s.latex) })
    }
    taken = [...taken, ...boxes].sort((a, b) => a.start - b.start)
  }
  if (o.extract.includes('expr') && fastPathEnabled()) {
    // most outputs end in a box or "final answer is $…$": when no plain number is within reach of an "answer",
    // every expression match ranks 200 or lower, after the LaTeX matches above it, so those are tried first
    // (in the same order) and the scan for numbers is skipped when one parses
    matches.sort(byRank)
    const early = tryMatches(matches, exprFloor(text, words, taken), st)
    if (early) return early
  }
  if (o.extract.includes('expr')) matches.push(...expressions(text, words, taken, o))
  matches.sort(byRank)
  return tryMatches(matches, Number.POSITIVE_INFINITY, st) ?? []
}

const byRank = (a: Match, b: Match) => a.priority - b.priority || b.end - a.end || a.start - b.start

/**
 * Tries `sorted` in order (at most `MAX_TRIES`) until one parses; the candidates, with the text of the first
 * tried when none parses. Undefined when a match ranked `below` or lower is reached first (not decided yet).
 */
function tryMatches(sorted: readonly Match[], below: number, st: ParseState): MathCandidate[] | undefined {
  let firstText: string | undefined
  for (let k = 0; k < sorted.length && k < MAX_TRIES; k++) {
    const m = sorted[k] as Match
    if (m.priority >= below) return undefined
    const { text: t, value } = parseParts(m.parts, st)
    if (value) return [{ text: t, value }]
    if (t !== '') firstText ??= t
  }
  if (below !== Number.POSITIVE_INFINITY) return undefined
  return firstText ? [{ text: firstText, value: undefined }] : []
}

/**
 * The best rank `expressions` could give: under 200 only to a number starting within 160 characters after an
 * "answer" (`priorityOf`'s context), outside LaTeX spans. Conservative: any digit there (or `.` before one) gives 0.
 */
function exprFloor(text: string, words: readonly number[], taken: readonly Span[]): number {
  for (const at of words) {
    const hi = Math.min(text.length, at + 162)
    // spans are sorted by start: i is inside one iff the furthest end of those starting at or before i is past it
    let k = 0
    let reach = -1
    for (let i = at + 6; i < hi; i++) {
      // a number starts at a digit, or at a point before one (`.5`); a sentence's last period starts none
      const c = text.charCodeAt(i)
      const next = text.charCodeAt(i + 1)
      if (!((c >= 48 && c <= 57) || (c === 46 && next >= 48 && next <= 57))) continue
      for (; k < taken.length && (taken[k] as Span).start <= i; k++) reach = Math.max(reach, (taken[k] as Span).end)
      if (reach <= i) return 0
    }
  }
  return 200
}
