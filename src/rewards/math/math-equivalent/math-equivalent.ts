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
 * reference), `bare` (the whole text is one LaTeX answer, as a dataset's gold or a `\boxed{}`'s content), `auto`
 * (bare unless it reads as prose or has delimiters; each falls back to the other).
 */
export type AnswerMode = 'free' | 'bare' | 'auto'

export interface ParsedAnswer {
  candidates: MathCandidate[]
  /** a size or depth bound was hit */
  tooLarge: boolean
}

const DELIMITED = /\$|\\\[|\\\(|\\boxed|\\fbox|answer|\n/i
const PROSE = /(?:^|\s)[A-Za-z]{3,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}/

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
  else if (DELIMITED.test(text) || PROSE.test(text)) {
    candidates = extractCandidates(text, o, st)
    if (!candidates.some(hasValue) && !st.tooLarge) candidates = bare(text, st)
  } else {
    candidates = st.tooLarge ? [] : bare(text, st)
    if (candidates.length === 0 && !st.tooLarge) candidates = extractCandidates(text, o, st)
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

const shown = (cs: readonly MathCandidate[]) => cs.map((c) => (c.value ? showValue(c.value) : c.text))

/**
 * Whether a model's output `pred` states the same answer as `gold`, with Math-Verify's judgement
 * (`verify(parse(gold), parse(pred))`): the gold is read as a bare answer (or extracted, when it is prose), the
 * prediction is extracted from free text. Never equal on an empty or unparseable prediction.
 * @see https://github.com/huggingface/Math-Verify (`parse`, `verify`)
 * @example mathEquivalent('\\frac{1}{2}', 'The answer is $0.5$.').equal //= true
 */
export function mathEquivalent(
  gold: string | number,
  pred: string,
  options: MathEquivalentOptions = {},
): MathEquivalentResult {
  const g = parseAnswer(typeof gold === 'number' ? String(gold) : gold, 'auto', options)
  if (!g.candidates.some(hasValue))
    return { equal: false, goldParsed: [], predParsed: [], reason: g.tooLarge ? 'too_large' : 'unparseable_gold' }
  const p = parseAnswer(pred, 'free', options)
  const goldParsed = shown(g.candidates)
  if (p.candidates.length === 0)
    return { equal: false, goldParsed, predParsed: [], reason: p.tooLarge ? 'too_large' : 'unparseable_pred' }
  const equal = candidatesEquivalent(g.candidates, p.candidates, options)
  const parsed = p.candidates.some(hasValue)
  const reason = equal ? 'ok' : !parsed ? (p.tooLarge ? 'too_large' : 'unparseable_pred') : 'not_equal'
  return { equal, goldParsed, predParsed: shown(p.candidates), reason }
}
