import { type CompareOptions, equalValues } from './compare.js'
import { freeSymbols } from './engine.js'
import { extractCandidates } from './extract.js'
import { normalizeMemo, parseMemo } from './memo.js'
import { compactText } from './normalize.js'
import type { ParseState } from './structure.js'
import {
  type ExtractTarget,
  MATH_LIMITS,
  type MathCandidate,
  type MathEquivalentOptions,
  type MathEquivalentResult,
  type MathJson,
  type MathValue,
} from './types.js'

/** The defaults of Math-Verify's `parse` and `verify`. */
export const MATH_DEFAULTS = {
  extract: ['latex', 'expr'] as readonly ExtractTarget[],
  floatRounding: 6,
  numericPrecision: 15,
  strict: true,
  allowSetRelationComparison: false,
  boxedFirst: false,
} as const satisfies Required<MathEquivalentOptions>

/**
 * How a text holds its answer: `free` (model output: only delimited LaTeX and numbers are answers, as the
 * reference), `bare` (the whole text is one LaTeX answer, as a `\boxed{}`'s content), `auto` (bare unless it
 * reads as text, see `readsAsText`; each falls back to the other), `gold` (as `auto`, but a text read bare that
 * does not parse has no answer: no number is picked out of LaTeX that failed to parse, as the reference's
 * `parse` gives no target and `verify` is false).
 */
export type AnswerMode = 'free' | 'bare' | 'auto' | 'gold'

export interface ParsedAnswer {
  candidates: MathCandidate[]
  /** a size or depth bound was hit */
  tooLarge: boolean
}

const DELIMITED = /\$|\\\[|\\\(|\\boxed|\\fbox|answer|\n/i
const PROSE = /(?:^|\s)[A-Za-z]{3,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}/

/**
 * Numbers among words, with no LaTeX or formula syntax: `5 cm`, `3 apples`, `1 and 2`, `x is 4`. A digit, a run
 * of two letters, and none of `\ { } ^ _ = < > + * / ( ) [ ] | &` nor a `-` that is not a number's sign (so
 * `xy - 1`, `2x+1` and `\sqrt{2}` stay LaTeX). By char code, no allocation.
 */
export function isWordy(text: string): boolean {
  let digit = false
  let word = false
  let run = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (++run >= 2) word = true
      continue
    }
    run = 0
    if (c >= 48 && c <= 57) digit = true
    else if (c === 45 /* - */) {
      const next = text.charCodeAt(i + 1)
      if (!(next >= 48 && next <= 57)) return false
    } else if (isSyntax(c)) return false
  }
  return digit && word
}

/** `\ { } ^ _ = < > + * / ( ) [ ] | &` */
function isSyntax(c: number): boolean {
  switch (c) {
    case 92:
    case 123:
    case 125:
    case 94:
    case 95:
    case 61:
    case 60:
    case 62:
    case 43:
    case 42:
    case 47:
    case 40:
    case 41:
    case 91:
    case 93:
    case 124:
    case 38:
      return true
    default:
      return false
  }
}

/** Whether a text is read by extraction rather than as one LaTeX answer: delimiters, prose, or `isWordy`. */
const readsAsText = (text: string) => DELIMITED.test(text) || PROSE.test(text) || isWordy(text)

function bare(text: string, st: ParseState): MathCandidate[] {
  if (text.length > MATH_LIMITS.exprChars) {
    st.tooLarge = true
    return []
  }
  const norm = normalizeMemo(text)
  if (norm === '') return []
  const value = parseMemo(norm, st)
  return value ? [{ text: norm, value }] : []
}

const hasValue = (c: MathCandidate) => c.value !== undefined

/**
 * Finds and parses the answer in a text.
 * @example parseAnswer('x = \\frac{1}{2}', 'bare').candidates[0]?.value?.kind //= 'relation'
 */
export function parseAnswer(text: string, mode: AnswerMode, options: MathEquivalentOptions = {}): ParsedAnswer {
  const st: ParseState = { tooLarge: false }
  const o = {
    extract: options.extract ?? MATH_DEFAULTS.extract,
    boxedFirst: options.boxedFirst ?? MATH_DEFAULTS.boxedFirst,
  }
  let candidates: MathCandidate[]
  if (mode === 'free') candidates = extractCandidates(text, o, st)
  else if (mode === 'bare') candidates = bare(text, st)
  else if (readsAsText(text)) {
    candidates = extractCandidates(text, o, st)
    if (!candidates.some(hasValue) && !st.tooLarge) candidates = bare(text, st)
  } else {
    candidates = bare(text, st)
    if (candidates.length === 0 && !st.tooLarge && mode === 'auto') candidates = extractCandidates(text, o, st)
  }
  return { candidates, tooLarge: st.tooLarge }
}

type Relation = Extract<MathValue, { kind: 'relation' }>
const isSymbol = (v: MathValue | undefined) =>
  v?.kind === 'expr' && typeof v.json === 'string' && freeSymbols(v.json).size === 1
const isEquation = (v: MathValue): v is Relation =>
  v.kind === 'relation' && v.ops.every((op) => op === '=' || op === 'in')
const isAssignment = (v: MathValue): v is Relation => isEquation(v) && isSymbol(v.terms[0])
const lastTerm = (r: Relation) => r.terms[r.terms.length - 1] as MathValue
const setLike = (v: MathValue) =>
  v.kind === 'set' || v.kind === 'interval' || v.kind === 'union' || (v.kind === 'tuple' && v.paren)
const INF: MathValue = { kind: 'number', value: Infinity, float: false }
const NEG_INF: MathValue = { kind: 'number', value: -Infinity, float: false }

/** `1 < x ≤ 2` → `(1, 2]`, `x > 3` → `(3, ∞)`, `x = 2` → `{2}`; undefined when it is not about one variable. */
function relationAsSet(r: Relation): MathValue | undefined {
  const [a, b, c] = r.terms
  const [op1, op2] = r.ops
  if (r.ops.length === 1 && a && b && (op1 === '=' || op1 === 'in') && isSymbol(a))
    return op1 === 'in' ? b : { kind: 'set', items: [b] }
  if (!r.ops.every((op) => op === '<' || op === '<=')) return undefined
  if (r.ops.length === 2 && a && b && c && isSymbol(b))
    return { kind: 'interval', lo: a, hi: c, loClosed: op1 === '<=', hiClosed: op2 === '<=' }
  if (r.ops.length !== 1 || !a || !b) return undefined
  if (isSymbol(a)) return { kind: 'interval', lo: NEG_INF, hi: b, loClosed: false, hiClosed: op1 === '<=' }
  if (isSymbol(b)) return { kind: 'interval', lo: a, hi: INF, loClosed: op1 === '<=', hiClosed: false }
  return undefined
}

/**
 * Gold-first equivalence of two parsed values: a gold assignment `x = 1` matches `1`; a predicted equation or
 * chain is judged by its last side (`a+2z=2z+a=101` matches gold `101`, never the reverse); a gold relation
 * matches a predicted set or interval (`1<x<2` ≡ `(1,2)`), the reverse only with `allowSetRelationComparison`.
 */
export function valuesEquivalent(gold: MathValue, pred: MathValue, o: CompareOptions): boolean {
  let g = gold
  let p = pred
  if (isAssignment(g) && !isEquation(p)) g = lastTerm(g)
  if (isEquation(p) && !isEquation(g)) p = lastTerm(p)
  if (g.kind === 'relation' && setLike(p)) g = relationAsSet(g) ?? g
  if (o.allowSetRelationComparison && p.kind === 'relation' && setLike(g)) p = relationAsSet(p) ?? p
  return equalValues(g, p, o)
}

/** Whether any gold candidate equals any predicted one (as strings after normalisation, or as values). */
export function candidatesEquivalent(
  gold: readonly MathCandidate[],
  pred: readonly MathCandidate[],
  options: MathEquivalentOptions = {},
): boolean {
  const o: CompareOptions = {
    floatRounding: options.floatRounding ?? MATH_DEFAULTS.floatRounding,
    numericPrecision: options.numericPrecision ?? MATH_DEFAULTS.numericPrecision,
    strict: options.strict ?? MATH_DEFAULTS.strict,
    allowSetRelationComparison: options.allowSetRelationComparison ?? MATH_DEFAULTS.allowSetRelationComparison,
  }
  for (const g of gold) {
    for (const p of pred) {
      const gt = compactText(g.text)
      if (gt !== '' && gt === compactText(p.text)) return true
      if (g.value && p.value && valuesEquivalent(g.value, p.value, o)) return true
    }
  }
  return false
}

function showJson(j: MathJson): string {
  if (typeof j === 'number') return String(j)
  if (typeof j === 'string') return j
  if (Array.isArray(j)) return `${String(j[0])}(${j.slice(1).map(showJson).join(', ')})`
  return 'num' in j ? j.num : JSON.stringify(j)
}

const list = (items: readonly MathValue[]): string => items.map(showValue).join(', ')

/** A short printed form of a parsed value, for `goldParsed` / `predParsed`. */
export function showValue(v: MathValue): string {
  switch (v.kind) {
    case 'number':
      return Number.isFinite(v.value) ? String(v.value) : v.value > 0 ? '∞' : '-∞'
    case 'expr':
      return showJson(v.json)
    case 'relation':
      return v.terms.map((t, i) => (i === 0 ? showValue(t) : ` ${v.ops[i - 1]} ${showValue(t)}`)).join('')
    case 'set':
      return `{${list(v.items)}}`
    case 'tuple':
      return `(${list(v.items)})`
    case 'interval':
      return `${v.loClosed ? '[' : '('}${showValue(v.lo)}, ${showValue(v.hi)}${v.hiClosed ? ']' : ')'}`
    case 'union':
      return v.parts.map(showValue).join(' ∪ ')
    case 'matrix':
      return `[${v.rows.map((r) => `[${list(r)}]`).join(', ')}]`
    case 'text':
      return `"${v.text}"`
  }
}

/**
 * Whether the prediction is the gold's very text (spaces aside). Then `verify(parse(x), parse(x))` is true as
 * soon as `x` parses, while here a gold and a prediction may be read differently (`1, 2` is a set as a gold and
 * its first number as free text): the caller counts it equal when both sides parsed.
 * @example sameText('1, 2', ' 1,2') //= true
 */
export function sameText(gold: string, pred: string): boolean {
  if (pred.length > 2 * gold.length + 16) return false
  const g = compactText(gold)
  return g !== '' && g === compactText(pred)
}

/**
 * The verdict on two parsed answers and their texts: a gold candidate equals a predicted one, or the prediction
 * is the gold's very text and parsed (`sameText`). What `mathEquivalent` and the reward both decide with.
 */
export function answersEqual(
  gold: ParsedAnswer,
  goldText: string,
  pred: ParsedAnswer,
  predText: string,
  options: MathEquivalentOptions = {},
): boolean {
  return (
    candidatesEquivalent(gold.candidates, pred.candidates, options) ||
    (pred.candidates.some(hasValue) && sameText(goldText, predText))
  )
}

const shown = (cs: readonly MathCandidate[]) => cs.map((c) => (c.value ? showValue(c.value) : c.text))

/**
 * Whether a model's output `pred` states the same answer as `gold`, with Math-Verify's judgement
 * (`verify(parse(gold), parse(pred))`): the gold is read as one LaTeX answer when it is LaTeX, and through the
 * same extraction as the prediction when it is text (`The answer is 5`, `5 cm`, `1 and 2`: `parseAnswer`'s `gold`
 * mode); a LaTeX gold that does not parse has no answer (`unparseable_gold`), no number is guessed from it. The
 * prediction is extracted from free text. Never equal on an empty or unparseable prediction.
 * @see https://github.com/huggingface/Math-Verify (`parse`, `verify`)
 * @example mathEquivalent('\\frac{1}{2}', 'The answer is $0.5$.').equal //= true
 */
export function mathEquivalent(
  gold: string | number,
  pred: string,
  options: MathEquivalentOptions = {},
): MathEquivalentResult {
  const goldText = typeof gold === 'number' ? String(gold) : gold
  const g = parseAnswer(goldText, 'gold', options)
  if (!g.candidates.some(hasValue))
    return { equal: false, goldParsed: [], predParsed: [], reason: g.tooLarge ? 'too_large' : 'unparseable_gold' }
  const p = parseAnswer(pred, 'free', options)
  const goldParsed = shown(g.candidates)
  if (p.candidates.length === 0)
    return { equal: false, goldParsed, predParsed: [], reason: p.tooLarge ? 'too_large' : 'unparseable_pred' }
  const parsed = p.candidates.some(hasValue)
  const equal = answersEqual(g, goldText, p, pred, options)
  const reason = equal ? 'ok' : !parsed ? (p.tooLarge ? 'too_large' : 'unparseable_pred') : 'not_equal'
  return { equal, goldParsed, predParsed: shown(p.candidates), reason }
}
