/**
 * The computer-algebra side: LaTeX is parsed by `@cortex-js/compute-engine` into MathJSON; symbolic
 * simplification is the engine's. Numeric evaluation is a small tree walk over MathJSON written here because the
 * engine's `N()` costs ~0.5 ms and `compile()` ~2.5 ms per expression, while equivalence at random points needs
 * dozens of evaluations per pair; the walk is arithmetic on doubles (complex-aware), not algebra.
 */
import { ComputeEngine } from '@cortex-js/compute-engine'
import type { MathJson } from './types.js'

type ExpressionEntry = Extract<ComputeEngine['latexDictionary'][number], { kind: 'expression' }>
type LatexParser = Parameters<Extract<ExpressionEntry['parse'], (...args: never[]) => unknown>>[0]

/**
 * 0.27 has no LaTeX for the binomial coefficient (`\binom{5}{2}` is an error): `\binom{n}{k}` is read as
 * `["Binomial", n, k]`, which `evalJson` evaluates (`\dbinom`, `\tbinom`, `{n \choose k}` are rewritten to
 * `\binom` by `normalizeLatex`). A `\binom` without two groups stays an error.
 */
const BINOM: ExpressionEntry = {
  name: 'Binomial',
  kind: 'expression',
  latexTrigger: '\\binom',
  parse: (parser: LatexParser) => {
    const n = parser.parseGroup()
    const k = n === null ? null : parser.parseGroup()
    return n === null || k === null ? null : ['Binomial', n, k]
  },
}

let engine: ComputeEngine | undefined
function ce(): ComputeEngine {
  if (engine) return engine
  engine = new ComputeEngine()
  engine.latexDictionary = [...engine.latexDictionary, BINOM]
  return engine
}

const cache = new Map<string, MathJson | null>()
const CACHE_MAX = 4096

function hasError(json: MathJson): boolean {
  if (!Array.isArray(json)) return false
  if (json[0] === 'Error') return true
  for (let i = 1; i < json.length; i++) if (hasError(json[i] as MathJson)) return true
  return false
}

/**
 * The engine's MathJSON for a LaTeX expression, or undefined when it does not parse. Cached. Parsed without
 * canonicalisation: in 0.27 the canonical form keeps symbol types inferred from earlier inputs (after `x_1`, `|x|`
 * is an error) and folds some complex quotients wrongly (`\frac{1}{1+i}`); the tree walk below needs neither.
 */
export function parseLatexExpr(latex: string): MathJson | undefined {
  const hit = cache.get(latex)
  if (hit !== undefined) return hit ?? undefined
  let out: MathJson | null = null
  try {
    const expr = ce().parse(latex, { canonical: false })
    const json = expr.json as MathJson
    if (expr.isValid && !hasError(json)) out = json
  } catch {
    out = null
  }
  if (cache.size >= CACHE_MAX) cache.clear()
  cache.set(latex, out)
  return out ?? undefined
}

/** Empties the parse cache (benchmarks that time answers on first sight). */
export function clearParseCache(): void {
  cache.clear()
}

/** Symbols the tree walk knows the value of. */
const CONSTANTS: Record<string, Complex> = {
  Pi: { re: Math.PI, im: 0 },
  ExponentialE: { re: Math.E, im: 0 },
  ImaginaryUnit: { re: 0, im: 1 },
  PositiveInfinity: { re: Infinity, im: 0 },
  NegativeInfinity: { re: -Infinity, im: 0 },
  Half: { re: 0.5, im: 0 },
  // the reference reads a bare e and i as the constants
  e: { re: Math.E, im: 0 },
  i: { re: 0, im: 1 },
}

/** `["Sum" | "Product", body, ["Tuple", index, lo, hi]]`: its index, or undefined when it is not of this shape. */
function boundIndex(json: readonly MathJson[]): string | undefined {
  if ((json[0] !== 'Sum' && json[0] !== 'Product') || json.length !== 3) return undefined
  const lim = json[2]
  return Array.isArray(lim) && lim[0] === 'Tuple' && lim.length === 4 && typeof lim[1] === 'string' ? lim[1] : undefined
}

/** Free variables of an expression (symbols that are not known constants, nor the index of a sum), sorted. */
export function freeSymbols(json: MathJson, out: Set<string> = new Set()): Set<string> {
  if (typeof json === 'string') {
    if (!(json in CONSTANTS) && !json.startsWith("'")) out.add(json)
  } else if (Array.isArray(json)) {
    const index = boundIndex(json)
    if (index !== undefined) {
      const lim = json[2] as readonly MathJson[]
      const body = freeSymbols(json[1] as MathJson)
      body.delete(index)
      for (const s of body) out.add(s)
      freeSymbols(lim[2] as MathJson, out)
      freeSymbols(lim[3] as MathJson, out)
      return out
    }
    for (let i = 1; i < json.length; i++) freeSymbols(json[i] as MathJson, out)
  } else if (typeof json === 'object' && 'sym' in json) out.add(json.sym)
  return out
}

/** Number of nodes, to bound the work handed to the engine. */
export function nodeCount(json: MathJson): number {
  if (!Array.isArray(json)) return 1
  let n = 1
  for (let i = 1; i < json.length; i++) n += nodeCount(json[i] as MathJson)
  return n
}

export interface Complex {
  re: number
  im: number
}

// -0 in an imaginary part would put a negative real on the wrong side of the branch cut (√−4 = −2i)
const c = (re: number, im = 0): Complex => ({ re, im: im === 0 ? 0 : im })
const real = (z: Complex) => z.im === 0

function mul(a: Complex, b: Complex): Complex {
  return c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}
function div(a: Complex, b: Complex): Complex {
  if (real(b)) return c(a.re / b.re, a.im / b.re)
  const d = b.re * b.re + b.im * b.im
  return c((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d)
}
function log(z: Complex): Complex {
  return c(Math.log(Math.hypot(z.re, z.im)), Math.atan2(z.im, z.re))
}
function exp(z: Complex): Complex {
  const m = Math.exp(z.re)
  return z.im === 0 ? c(m) : c(m * Math.cos(z.im), m * Math.sin(z.im))
}
function pow(a: Complex, b: Complex): Complex {
  if (real(a) && real(b) && (a.re >= 0 || Number.isInteger(b.re))) return c(a.re ** b.re)
  if (a.re === 0 && a.im === 0) return c(b.re > 0 ? 0 : Number.NaN)
  return exp(mul(b, log(a)))
}
function root(a: Complex, n: number): Complex {
  if (real(a) && a.re < 0 && Number.isInteger(n) && n % 2 === 1) return c(-((-a.re) ** (1 / n)))
  return pow(a, c(1 / n))
}
function realFn(f: (x: number) => number): (z: Complex) => Complex | undefined {
  return (z) => (real(z) ? c(f(z.re)) : undefined)
}
function factorial(z: Complex): Complex | undefined {
  if (!real(z) || !Number.isInteger(z.re) || z.re < 0) return undefined
  if (z.re > 170) return c(Infinity)
  let r = 1
  for (let k = 2; k <= z.re; k++) r *= k
  return c(r)
}

const UNARY: Record<string, (z: Complex) => Complex | undefined> = {
  Negate: (z) => c(-z.re, -z.im),
  Sqrt: (z) => pow(z, c(0.5)),
  Square: (z) => mul(z, z),
  Exp: exp,
  Ln: log,
  Abs: (z) => c(Math.hypot(z.re, z.im)),
  Sin: realFn(Math.sin),
  Cos: realFn(Math.cos),
  Tan: realFn(Math.tan),
  Cot: realFn((x) => 1 / Math.tan(x)),
  Sec: realFn((x) => 1 / Math.cos(x)),
  Csc: realFn((x) => 1 / Math.sin(x)),
  Arcsin: realFn(Math.asin),
  Arccos: realFn(Math.acos),
  Arctan: realFn(Math.atan),
  Sinh: realFn(Math.sinh),
  Cosh: realFn(Math.cosh),
  Tanh: realFn(Math.tanh),
  Floor: realFn(Math.floor),
  Ceil: realFn(Math.ceil),
  Lg: (z) => div(log(z), c(Math.LN10)),
  Lb: (z) => div(log(z), c(Math.LN2)),
  Factorial: factorial,
  Delimiter: (z) => z,
}

/** Evaluates MathJSON numerically with variables from `env`; undefined when something is unknown. */
export function evalJson(json: MathJson, env?: ReadonlyMap<string, number>): Complex | undefined {
  if (typeof json === 'number') return c(json)
  if (typeof json === 'string') return CONSTANTS[json] ?? (env?.has(json) ? c(env.get(json) as number) : undefined)
  if (!Array.isArray(json)) {
    if ('num' in json) {
      const v = Number(json.num.replace(/\.\.\.$/, ''))
      return Number.isNaN(v) ? undefined : c(v)
    }
    return undefined
  }
  const head = json[0]
  if (typeof head !== 'string') return undefined
  if (head === 'InvisibleOperator') return invisible(json, env)
  if (head === 'Apply') return applyInverse(json, env)
  if (head === 'Sum' || head === 'Product') return series(json, env)
  const args: Complex[] = []
  for (let i = 1; i < json.length; i++) {
    const v = evalJson(json[i] as MathJson, env)
    if (!v) return undefined
    args.push(v)
  }
  const [a, b] = args
  if (!a) return undefined
  switch (head) {
    case 'Add':
      return args.reduce((s, z) => c(s.re + z.re, s.im + z.im))
    case 'Multiply':
      return args.reduce(mul)
    case 'Subtract':
      return b ? c(a.re - b.re, a.im - b.im) : c(-a.re, -a.im)
    case 'Divide':
    case 'Rational':
      return b ? div(a, b) : undefined
    case 'Power':
      return b ? pow(a, b) : undefined
    case 'Root':
      return b && real(b) ? root(a, b.re) : undefined
    case 'Log':
      return b ? div(log(a), log(b)) : div(log(a), c(Math.LN10))
    case 'Complex':
      return b ? c(a.re, b.re) : a
    case 'Binomial':
      return b ? binomial(a, b) : undefined
    default: {
      const f = UNARY[head]
      return f && args.length === 1 ? f(a) : undefined
    }
  }
}

/** Juxtaposition: `\exp(2)` applies a function, anything else multiplies (`2x`, `x^2y`). */
function invisible(json: readonly MathJson[], env?: ReadonlyMap<string, number>): Complex | undefined {
  const [, f, arg] = json
  if (json.length === 3 && typeof f === 'string' && UNARY[f] && Array.isArray(arg) && arg[0] === 'Delimiter') {
    const v = evalJson(arg[1] as MathJson, env)
    return v && (UNARY[f] as (z: Complex) => Complex | undefined)(v)
  }
  let out: Complex = c(1)
  for (let i = 1; i < json.length; i++) {
    const v = evalJson(json[i] as MathJson, env)
    if (!v) return undefined
    out = mul(out, v)
  }
  return out
}

/** Terms a sum, a product or a binomial coefficient is evaluated over; past it the walk gives up (undefined). */
const MAX_TERMS = 1000

/**
 * `\binom{n}{k}` for a natural k: n(n−1)…(n−k+1)/k!, a polynomial in n (so `\binom{n}{2}` ≡ `\frac{n(n-1)}{2}` at
 * sample points) and 0 when n is a natural below k, as SymPy's `binomial`. Exact for results below 2^53: each
 * step's product is an integer times the next divisor.
 */
function binomial(n: Complex, k: Complex): Complex | undefined {
  if (!real(k) || !Number.isInteger(k.re) || k.re < 0) return undefined
  let m = k.re
  if (real(n) && Number.isInteger(n.re) && n.re >= 0) {
    if (m > n.re) return c(0)
    m = Math.min(m, n.re - m)
  }
  if (m > MAX_TERMS) return undefined
  let r = c(1)
  for (let i = 0; i < m; i++) r = div(mul(r, c(n.re - i, n.im)), c(i + 1))
  return r
}

/** `\sum_{k=a}^{b}` and `\prod_{k=a}^{b}` with integer bounds, term by term; at most `MAX_TERMS` terms. */
function series(json: readonly MathJson[], env?: ReadonlyMap<string, number>): Complex | undefined {
  const index = boundIndex(json)
  if (index === undefined) return undefined
  const lim = json[2] as readonly MathJson[]
  const lo = evalJson(lim[2] as MathJson, env)
  const hi = evalJson(lim[3] as MathJson, env)
  if (!lo || !hi || !real(lo) || !real(hi) || !Number.isInteger(lo.re) || !Number.isInteger(hi.re)) return undefined
  if (hi.re - lo.re + 1 > MAX_TERMS) return undefined
  const product = json[0] === 'Product'
  const local = new Map(env)
  let out = c(product ? 1 : 0)
  for (let i = lo.re; i <= hi.re; i++) {
    local.set(index, i)
    const v = evalJson(json[1] as MathJson, local)
    if (!v) return undefined
    out = product ? mul(out, v) : c(out.re + v.re, out.im + v.im)
  }
  return out
}

const INVERSE: Record<string, string> = { Sin: 'Arcsin', Cos: 'Arccos', Tan: 'Arctan' }

/** `\sin^{-1} x` is `["Apply", ["InverseFunction", "Sin"], x]`. */
function applyInverse(json: readonly MathJson[], env?: ReadonlyMap<string, number>): Complex | undefined {
  const [, fn, arg] = json
  if (!Array.isArray(fn) || fn[0] !== 'InverseFunction' || arg === undefined) return undefined
  const f = UNARY[INVERSE[fn[1] as string] ?? '']
  const v = evalJson(arg, env)
  return f && v ? f(v) : undefined
}

/** Whether the engine simplifies `a − b` to 0. Bounded by the caller (small expressions only). */
export function simplifiesToZero(a: MathJson, b: MathJson): boolean {
  const engine = ce()
  // a scope of its own, so the symbol types this inference declares do not leak into the next pair
  engine.pushScope()
  try {
    const d = engine.box(['Subtract', a, b] as never).simplify()
    return d.json === 0 || d.is(0) === true
  } catch {
    return false
  } finally {
    engine.popScope()
  }
}
