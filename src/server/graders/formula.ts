/**
 * The `calculate_output` grammar of OpenAI's multi grader: numbers, the graders' keys as variables, `+ - * / ^`
 * (`^` is power, right-associative, binding tighter than unary minus, so `-2^2` is -4), parentheses, and the
 * functions `min max abs floor ceil exp sqrt log` (`log` is the natural log; `min`/`max` take one or more
 * arguments). Hand-written because no npm parser speaks exactly this grammar without also accepting far more
 * (mathjs, expr-eval evaluate assignments, strings and member access); it compiles once to a closure.
 * @see https://platform.openai.com/docs/guides/graders (multi grader)
 * @example compileFormula('(name + email) / 2', ['name', 'email']).evaluate({ name: 1, email: 0 }) //= 0.5
 */
import { RewardEngineError } from '../../core/index.js'

/** A formula that does not parse, or names an unknown variable; `kind` picks OpenAI's error flag. */
export class FormulaError extends RewardEngineError {
  readonly kind: 'formula_parse_error' | 'invalid_variable_error'
  constructor(kind: 'formula_parse_error' | 'invalid_variable_error', message: string) {
    super(kind === 'formula_parse_error' ? 'formula_parse_error' : 'invalid_variable', message)
    this.name = 'FormulaError'
    this.kind = kind
  }
}

type Vars = Readonly<Record<string, number>>
type Node = (vars: Vars) => number
export interface Formula {
  readonly variables: readonly string[]
  evaluate(vars: Vars): number
}

const UNARY: Record<string, (x: number) => number> = {
  abs: Math.abs,
  floor: Math.floor,
  ceil: Math.ceil,
  exp: Math.exp,
  sqrt: Math.sqrt,
  log: Math.log,
}
const VARIADIC: Record<string, (...xs: number[]) => number> = { min: Math.min, max: Math.max }
const MAX_LENGTH = 10_000
const MAX_DEPTH = 200

type Token = { kind: 'num'; value: number; at: number } | { kind: 'id' | 'op'; text: string; at: number }

function tokenize(src: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < src.length) {
    const ch = src[i] as string
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') i++
    else if ((ch >= '0' && ch <= '9') || ch === '.') {
      const start = i
      while (i < src.length && /[0-9.]/.test(src[i] as string)) i++
      if (i < src.length && (src[i] === 'e' || src[i] === 'E') && /[0-9+-]/.test(src[i + 1] ?? '')) {
        i += 2
        while (i < src.length && /[0-9]/.test(src[i] as string)) i++
      }
      const value = Number(src.slice(start, i))
      if (!Number.isFinite(value)) throw parseError(`bad number "${src.slice(start, i)}"`, start)
      tokens.push({ kind: 'num', value, at: start })
    } else if (/[A-Za-z_]/.test(ch)) {
      const start = i
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i] as string)) i++
      tokens.push({ kind: 'id', text: src.slice(start, i), at: start })
    } else if ('+-*/^(),'.includes(ch)) tokens.push({ kind: 'op', text: ch, at: i++ })
    else throw parseError(`unexpected "${ch}"`, i)
  }
  return tokens
}

const parseError = (what: string, at: number) =>
  new FormulaError('formula_parse_error', `calculate_output: ${what} at position ${at}`)

/** Parses and checks a formula against the known variables (the multi grader's keys). */
export function compileFormula(src: string, known: readonly string[]): Formula {
  if (src.length > MAX_LENGTH) throw parseError(`longer than ${MAX_LENGTH} characters`, MAX_LENGTH)
  const tokens = tokenize(src)
  const knownSet = new Set(known)
  const used = new Set<string>()
  let pos = 0
  let depth = 0
  const peek = () => tokens[pos]
  const isOp = (t: Token | undefined, text: string) => t !== undefined && t.kind === 'op' && t.text === text
  const expect = (text: string) => {
    const t = peek()
    if (!isOp(t, text)) throw parseError(`expected "${text}"`, t?.at ?? src.length)
    pos++
  }

  // expr := term (('+' | '-') term)*      term := unary (('*' | '/') unary)*
  // unary := '-' unary | '+' unary | power      power := atom ('^' unary)?
  function expr(): Node {
    if (++depth > MAX_DEPTH) throw parseError('nested too deeply', peek()?.at ?? src.length)
    let left = term()
    for (let t = peek(); isOp(t, '+') || isOp(t, '-'); t = peek()) {
      pos++
      const l = left
      const r = term()
      left = (t as { text: string }).text === '+' ? (v) => l(v) + r(v) : (v) => l(v) - r(v)
    }
    depth--
    return left
  }
  function term(): Node {
    let left = unary()
    for (let t = peek(); isOp(t, '*') || isOp(t, '/'); t = peek()) {
      pos++
      const l = left
      const r = unary()
      left = (t as { text: string }).text === '*' ? (v) => l(v) * r(v) : (v) => l(v) / r(v)
    }
    return left
  }
  function unary(): Node {
    if (++depth > MAX_DEPTH) throw parseError('nested too deeply', peek()?.at ?? src.length)
    let node: Node
    if (isOp(peek(), '-')) {
      pos++
      const inner = unary()
      node = (v) => -inner(v)
    } else if (isOp(peek(), '+')) {
      pos++
      node = unary()
    } else node = power()
    depth--
    return node
  }
  function power(): Node {
    const base = atom()
    if (!isOp(peek(), '^')) return base
    pos++
    const exponent = unary()
    return (v) => base(v) ** exponent(v)
  }
  function atom(): Node {
    const t = peek()
    if (!t) throw parseError('unexpected end', src.length)
    pos++
    if (t.kind === 'num') {
      const value = t.value
      return () => value
    }
    if (t.kind === 'op') {
      if (t.text !== '(') throw parseError(`unexpected "${t.text}"`, t.at)
      const inner = expr()
      expect(')')
      return inner
    }
    const id = t.text
    if (isOp(peek(), '(')) {
      pos++
      const args: Node[] = [expr()]
      while (isOp(peek(), ',')) {
        pos++
        args.push(expr())
      }
      expect(')')
      const unaryFn = UNARY[id]
      if (unaryFn) {
        if (args.length !== 1) throw parseError(`${id} takes one argument, got ${args.length}`, t.at)
        const a = args[0] as Node
        return (v) => unaryFn(a(v))
      }
      const fn = VARIADIC[id]
      if (!fn)
        throw parseError(
          `unknown function "${id}"; known: ${[...Object.keys(VARIADIC), ...Object.keys(UNARY)].join(', ')}`,
          t.at,
        )
      return (v) => fn(...args.map((a) => a(v)))
    }
    if (!knownSet.has(id))
      throw new FormulaError(
        'invalid_variable_error',
        `calculate_output: unknown variable "${id}" at position ${t.at}; the graders are ${known.join(', ')}`,
      )
    used.add(id)
    return (v) => v[id] as number
  }

  const root = expr()
  if (pos < tokens.length)
    throw parseError(`unexpected "${(tokens[pos] as { text?: string }).text ?? 'number'}"`, tokens[pos]?.at ?? 0)
  return { variables: [...used], evaluate: root }
}
