/**
 * Equivalence of two parsed answers, gold first, after Math-Verify's `sympy_expr_eq`
 * (huggingface/Math-Verify, `src/math_verify/grader.py`): assignment unwrapping, relations and chains, sets,
 * tuples, intervals, matrices, then numbers (rounded to `floatRounding`) and expressions (numerically at random
 * points, then the engine's simplification).
 */
import { type Complex, evalJson, freeSymbols, nodeCount, simplifiesToZero } from './engine.js'
import type { MathJson, MathValue } from './types.js'

export interface CompareOptions {
  floatRounding: number
  numericPrecision: number
  strict: boolean
  allowSetRelationComparison: boolean
}

type Leaf = Extract<MathValue, { kind: 'number' | 'expr' }>
const isLeaf = (v: MathValue): v is Leaf => v.kind === 'number' || v.kind === 'expr'

function toJson(v: Leaf): MathJson {
  if (v.kind === 'expr') return v.json
  if (v.value === Infinity) return 'PositiveInfinity'
  if (v.value === -Infinity) return 'NegativeInfinity'
  return v.value
}

function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x
  return Number(x.toFixed(Math.max(0, Math.min(100, digits))))
}

/** Real numbers equal after rounding (when either was written as a decimal) at `numericPrecision` digits. */
export function numbersEqual(a: number, b: number, float: boolean, o: CompareOptions, computed = false): boolean {
  if (a === b) return true
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false
  const ra = float ? roundTo(a, o.floatRounding) : a
  const rb = float ? roundTo(b, o.floatRounding) : b
  const rel = Math.max(10 ** -o.numericPrecision, computed ? 1e-12 : Number.EPSILON)
  return Math.abs(ra - rb) <= rel * Math.max(Math.abs(ra), Math.abs(rb), computed ? 1 : 0)
}

function complexEqual(a: Complex, b: Complex, float: boolean, o: CompareOptions): boolean {
  return numbersEqual(a.re, b.re, float, o, true) && numbersEqual(a.im, b.im, float, o, true)
}

const finite = (z: Complex | undefined): z is Complex => !!z && Number.isFinite(z.re) && Number.isFinite(z.im)

/** A fixed sequence of sample points (mulberry32), so results never depend on the run. */
function samplePoints(vars: number, count: number): number[][] {
  let seed = 0x9e3779b9
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return Array.from({ length: count }, () => Array.from({ length: vars }, () => next() * 6 - 3))
}
const POINTS = samplePoints(6, 8)

/** Equal at sample points; undefined when the tree walk cannot decide (unknown functions, too few points). */
function equalAtPoints(g: MathJson, p: MathJson, gVars: string[], pVars: string[]): boolean | undefined {
  if (gVars.length > 6) return undefined
  let valid = 0
  // one map per side, refilled at each point (evalJson only reads it); one for both when the names are the same
  const gEnv = new Map<string, number>()
  const pEnv = pVars === gVars ? gEnv : new Map<string, number>()
  for (const point of POINTS) {
    for (let i = 0; i < gVars.length; i++) gEnv.set(gVars[i] as string, point[i] as number)
    for (let i = 0; i < pVars.length; i++) pEnv.set(pVars[i] as string, point[i] as number)
    const a = evalJson(g, gEnv)
    const b = evalJson(p, pEnv)
    if (!a || !b) return undefined
    if (!finite(a) || !finite(b)) continue
    const scale = Math.max(1, Math.hypot(a.re, a.im), Math.hypot(b.re, b.im))
    if (Math.hypot(a.re - b.re, a.im - b.im) > 1e-9 * scale) return false
    valid++
  }
  return valid >= 4 ? true : undefined
}

/** Finite numbers, strings and arrays: their JSON texts start differently (digit or `-`, `"`, `[`). */
const plainJson = (j: unknown) =>
  typeof j === 'string' || Array.isArray(j) || (typeof j === 'number' && Number.isFinite(j))

/**
 * `JSON.stringify(a) === JSON.stringify(b)` without writing either (it ran on every expression pair): equal
 * finite numbers, equal strings, arrays equal item by item; anything else (non-finite numbers, which print as
 * `null`, objects, `undefined`) is left to `JSON.stringify`. Property-tested against it.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) return a === b
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false
    // in an array, JSON.stringify writes `undefined` as null
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] ?? null, b[i] ?? null)) return false
    return true
  }
  if (plainJson(a) && plainJson(b)) return false
  return JSON.stringify(a) === JSON.stringify(b)
}

const isInfinity = (j: MathJson) => j === 'PositiveInfinity' || j === 'NegativeInfinity'

function leafEqual(g: Leaf, p: Leaf, o: CompareOptions): boolean {
  const float = g.float || p.float
  if (g.kind === 'number' && p.kind === 'number') return numbersEqual(g.value, p.value, float, o)
  const gj = toJson(g)
  const pj = toJson(p)
  if (sameJson(gj, pj)) return true
  const gSyms = [...freeSymbols(gj)].sort()
  const pSyms = [...freeSymbols(pj)].sort()
  if (gSyms.length === 0 && pSyms.length === 0) {
    const a = evalJson(gj)
    const b = evalJson(pj)
    if (finite(a) && finite(b)) return complexEqual(a, b, float, o)
    // an infinity is only ever equal to an infinity written as one, never to an overflow (10^{10^{10}})
    if (a && b && (isInfinity(gj) || isInfinity(pj))) return isInfinity(gj) && isInfinity(pj) && gj === pj
    if (a && b) return false
  } else {
    // strict=false: variables match by position (`f(x)` ≡ `f(y)`), as Math-Verify substitutes them
    const same = gSyms.length === pSyms.length && gSyms.every((s, i) => s === pSyms[i])
    const positional = !o.strict && !same && gSyms.length === pSyms.length
    const union = [...new Set([...gSyms, ...pSyms])].sort()
    const at = equalAtPoints(gj, pj, positional ? gSyms : union, positional ? pSyms : union)
    if (at !== undefined) return at
  }
  return nodeCount(gj) + nodeCount(pj) <= 48 && !hasTower(gj) && !hasTower(pj) && simplifiesToZero(gj, pj)
}

/**
 * `a^{b^{c}}`: the engine may try to expand it for a very long time; and sums, products and binomials that the
 * tree walk could not evaluate (a symbolic bound: the engine took ~0.8 s on `\sum_{k=1}^{n} k − n(n+1)/2`).
 */
function hasTower(j: MathJson): boolean {
  if (!Array.isArray(j)) return false
  if (j[0] === 'Sum' || j[0] === 'Product' || j[0] === 'Binomial') return true
  if (j[0] === 'Power' && Array.isArray(j[2]) && (j[2][0] === 'Power' || j[2][0] === 'Factorial')) return true
  for (let i = 1; i < j.length; i++) if (hasTower(j[i] as MathJson)) return true
  return false
}

/** Every item of each side is matched by an item of the other (sets), or a one-to-one matching (multisets). */
function matchItems(g: readonly MathValue[], p: readonly MathValue[], o: CompareOptions, bijection: boolean): boolean {
  if (bijection && g.length !== p.length) return false
  const used = new Array<boolean>(p.length).fill(false)
  for (const a of g) {
    let hit = -1
    for (let j = 0; j < p.length; j++) {
      if (bijection && used[j]) continue
      if (equalValues(a, p[j] as MathValue, o)) {
        hit = j
        break
      }
    }
    if (hit < 0) return false
    used[hit] = true
  }
  return bijection || p.every((b, j) => used[j] || g.some((a) => equalValues(a, b, o)))
}

function relationsEqual(g: MathValue & { kind: 'relation' }, p: MathValue & { kind: 'relation' }, o: CompareOptions) {
  if (g.ops.length !== p.ops.length) return false
  if (g.ops.every((op, i) => op === p.ops[i]) && g.terms.every((t, i) => equalValues(t, p.terms[i] as MathValue, o)))
    return true
  if (g.ops.length !== 1 || g.ops[0] !== p.ops[0]) return false
  const [gl, gr] = g.terms as [MathValue, MathValue]
  const [pl, pr] = p.terms as [MathValue, MathValue]
  const symmetric = g.ops[0] === '=' || g.ops[0] === '!='
  if (symmetric && equalValues(gl, pr, o) && equalValues(gr, pl, o)) return true
  if (!isLeaf(gl) || !isLeaf(gr) || !isLeaf(pl) || !isLeaf(pr)) return false
  // the same relation written differently: compare lhs − rhs (and its negation for = and ≠)
  const float = gl.float || gr.float || pl.float || pr.float
  const gd: Leaf = { kind: 'expr', json: ['Subtract', toJson(gl), toJson(gr)], float }
  const pd: Leaf = { kind: 'expr', json: ['Subtract', toJson(pl), toJson(pr)], float }
  if (leafEqual(gd, pd, o)) return true
  return symmetric && leafEqual(gd, { kind: 'expr', json: ['Negate', pd.json], float }, o)
}

function asPair(v: MathValue): readonly [MathValue, MathValue] | undefined {
  if (v.kind === 'tuple' && v.paren && v.items.length === 2) return v.items as [MathValue, MathValue]
  if (v.kind === 'interval' && !v.loClosed && !v.hiClosed) return [v.lo, v.hi]
  return undefined
}

/** Structural equality of two values, no unwrapping. */
export function equalValues(g: MathValue, p: MathValue, o: CompareOptions): boolean {
  if (isLeaf(g) && isLeaf(p)) return leafEqual(g, p, o)
  if (g.kind === 'text' && p.kind === 'text') return g.text.replace(/\s+/g, '') === p.text.replace(/\s+/g, '')
  if (g.kind === 'relation' && p.kind === 'relation') return relationsEqual(g, p, o)
  if (g.kind === 'set' && p.kind === 'set') return matchItems(g.items, p.items, o, false)
  if (g.kind === 'tuple' && p.kind === 'tuple') {
    if (!o.strict) return matchItems(g.items, p.items, o, true)
    return g.items.length === p.items.length && g.items.every((a, i) => equalValues(a, p.items[i] as MathValue, o))
  }
  if ((g.kind === 'set' || g.kind === 'tuple') && (p.kind === 'set' || p.kind === 'tuple'))
    return !o.strict && matchItems(g.items, p.items, o, true)
  if (g.kind === 'interval' && p.kind === 'interval')
    return (
      g.loClosed === p.loClosed && g.hiClosed === p.hiClosed && equalValues(g.lo, p.lo, o) && equalValues(g.hi, p.hi, o)
    )
  const gp = asPair(g)
  const pp = asPair(p)
  if (gp && pp) return equalValues(gp[0], pp[0], o) && equalValues(gp[1], pp[1], o)
  if (g.kind === 'union' || p.kind === 'union') {
    const gs = g.kind === 'union' ? g.parts : [g]
    const ps = p.kind === 'union' ? p.parts : [p]
    return (gs.length > 1 || ps.length > 1) && gs.length === ps.length && matchItems(gs, ps, o, true)
  }
  if (g.kind === 'matrix' && p.kind === 'matrix')
    return (
      g.rows.length === p.rows.length &&
      g.rows.every((row, i) => {
        const other = p.rows[i] as readonly MathValue[]
        return row.length === other.length && row.every((a, j) => equalValues(a, other[j] as MathValue, o))
      })
    )
  return false
}
