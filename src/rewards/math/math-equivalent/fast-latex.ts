/**
 * The CAS-free parse of a closed set of constant forms that math answers take most after plain numbers: integers,
 * `\pi`, `\sqrt{…}`, `\frac{…}{…}`, juxtaposed products (`2\sqrt{3}`, `3\pi`, `\frac{1}{2}\sqrt{3}`), one `/` per
 * term (`\pi/4`), `\cdot` / `\times` chains of single factors, and sums of such terms with signs
 * (`1+\sqrt{2}`, `-\frac{3}{4}`, `\frac{1+\sqrt{5}}{2}`), with redundant braces and spaces.
 *
 * It returns exactly the MathJSON that `@cortex-js/compute-engine` 0.27 writes for the same LaTeX (parsed without
 * canonicalisation, as `parseLatexExpr`), quirks included (`1-2-3` nests, `1+2-3` does not; `3\pi/4` is
 * `3 · (π/4)`; `2 2` is 22), so everything after parsing (evaluation, `floatRounding`, `numericPrecision`, the
 * JSON shortcut) sees the same values and decides the same: only the engine's parse (~0.2 ms a call) is skipped.
 * Deciding equality exactly (rational arithmetic) instead would change verdicts, because the existing comparison
 * is numeric with a tolerance: `\sqrt{2}` ≡ `\frac{14142135623731}{10000000000000}` there. Anything outside the set,
 * or any doubt about the engine's shape, returns undefined and goes to the engine. Written by hand because the
 * point is to match this engine's parser, not to parse LaTeX in general; property-tested against the engine.
 */
import { fastPathEnabled } from './fast-path.js'
import type { MathJson } from './types.js'

/** Longer inputs go to the engine: answers of these forms are short. */
const MAX_CHARS = 256
/** Integers with more digits become `{num}` objects in the engine (past 2^53); 15 always stay numbers. */
const MAX_DIGITS = 15

// The parser's state: one input at a time (module-level, so a parse allocates only the JSON it returns).
let src = ''
let pos = 0
/** Wide mode (see `fastLatexJson`): decimals, and lowercase letters at the start of a term. */
let wide = false
/** The last term read was an infix `/` or `\cdot` on its first factor (a sign then binds to that factor). */
let infix = false

const isDigit = (c: number) => c >= 48 && c <= 57
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isLower = (c: number) => c >= 97 && c <= 122
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13

function skipSpaces(end: number): void {
  while (pos < end && isSpace(src.charCodeAt(pos))) pos++
}

/** Index of the `}` closing the `{` at `open`, before `end`; -1 when there is none. */
function closeOf(open: number, end: number): number {
  let depth = 0
  for (let i = open; i < end; i++) {
    const c = src.charCodeAt(i)
    if (c === 92 /* \ */) i++
    else if (c === 123 /* { */) depth++
    else if (c === 125 /* } */ && --depth === 0) return i
  }
  return -1
}

/** The command name at `pos` (just past a backslash), consumed; '' when none. */
function command(end: number): string {
  const start = pos
  while (pos < end && isLetter(src.charCodeAt(pos))) pos++
  return src.slice(start, pos)
}

/** A `{…}` group at `pos` (after spaces) parsed as a whole expression, or undefined. */
function group(end: number): MathJson | undefined {
  skipSpaces(end)
  if (src.charCodeAt(pos) !== 123) return undefined
  const close = closeOf(pos, end)
  if (close < 0) return undefined
  const inner = pos + 1
  pos = inner
  const v = sum(close)
  pos = close + 1
  return v
}

/** A factor (`base`), in wide mode raised by a `^` right after it to one digit or a group: `x^2`, `(x+1)^{2}`. */
function factor(end: number, int: boolean): MathJson | undefined {
  const b = base(end, int)
  return b === undefined || !wide ? b : power(b, end)
}

/** `b`, or `b` to the power at `pos` (`^2` takes one digit: `x^23` is x²·3 to the engine); undefined on doubt. */
function power(b: MathJson, end: number): MathJson | undefined {
  if (src.charCodeAt(pos) !== 94 /* ^ */ || isSpace(src.charCodeAt(pos - 1))) return b
  pos++
  const c = src.charCodeAt(pos)
  if (isDigit(c)) {
    pos++
    return ['Power', b, c - 48]
  }
  const e = c === 123 ? group(end) : undefined
  return e === undefined ? undefined : ['Power', b, e]
}

/** Index of the `)` closing the `(` at `open`, before `end`; -1 when there is none. */
function parenOf(open: number, end: number): number {
  let depth = 0
  for (let i = open; i < end; i++) {
    const c = src.charCodeAt(i)
    if (c === 92 /* \ */) i++
    else if (c === 40 /* ( */) depth++
    else if (c === 41 /* ) */ && --depth === 0) return i
  }
  return -1
}

/**
 * One factor before any power: an integer (only where `int` allows it: the engine joins `2 2` into 22 and reads
 * `\sqrt{3}2` its own way), `\pi`, `\sqrt{…}`, `\frac{…}{…}`, a brace group holding one factor, and in wide mode a
 * parenthesised sum (`(x+1)` is Delimiter(x + 1)).
 */
function base(end: number, int: boolean): MathJson | undefined {
  skipSpaces(end)
  if (pos >= end) return undefined
  const c = src.charCodeAt(pos)
  if (isDigit(c)) {
    if (!int) return undefined
    const start = pos
    while (pos < end && isDigit(src.charCodeAt(pos))) pos++
    let digits = pos - start
    // wide: `10.25` (the engine reads `8.00` as 8; a point needs digits after it)
    if (wide && src.charCodeAt(pos) === 46 && isDigit(src.charCodeAt(pos + 1))) {
      pos++
      const from = pos
      while (pos < end && isDigit(src.charCodeAt(pos))) pos++
      digits += pos - from
    }
    if (digits > MAX_DIGITS) return undefined
    const value = Number(src.slice(start, pos))
    skipSpaces(end)
    // a decimal point, or digits after a space (joined by the engine), are not this grammar's
    const next = src.charCodeAt(pos)
    return next === 46 || isDigit(next) ? undefined : value
  }
  if (wide && c === 40 /* ( */) {
    const close = parenOf(pos, end)
    if (close < 0) return undefined
    pos++
    const v = sum(close)
    if (v === undefined || pos !== close) return undefined
    pos = close + 1
    return ['Delimiter', v]
  }
  if (c === 123 /* { */) {
    const close = closeOf(pos, end)
    if (close < 0) return undefined
    pos++
    const v = factor(close, int)
    skipSpaces(close)
    if (v === undefined || pos !== close) return undefined
    pos = close + 1
    return v
  }
  if (c !== 92 /* \ */) return undefined
  pos++
  const name = command(end)
  if (name === 'pi') return 'Pi'
  if (name === 'sqrt') {
    const x = group(end)
    return x === undefined ? undefined : ['Sqrt', x]
  }
  if (name === 'frac') {
    const n = group(end)
    if (n === undefined) return undefined
    const d = group(end)
    return d === undefined ? undefined : ['Divide', n, d]
  }
  return undefined
}

/** Whether `pos` is at a `\cdot` or `\times`; consumes it when so. */
function timesSign(end: number): boolean {
  if (src.charCodeAt(pos) !== 92) return false
  const at = pos
  pos++
  const name = command(end)
  if (name === 'cdot' || name === 'times') return true
  pos = at
  return false
}

/** Where a term ends: the end of the input or group, or a `+` / `-` at this level. */
function atTermEnd(end: number): boolean {
  skipSpaces(end)
  if (pos >= end) return true
  const c = src.charCodeAt(pos)
  return c === 43 || c === 45
}

/** Juxtaposed factors after a `/`: `3/4\pi` is `3 / (4π)` to the engine. */
function denominator(end: number): MathJson | undefined {
  const first = factor(end, true)
  if (first === undefined) return undefined
  if (atTermEnd(end)) return first
  const out: MathJson[] = ['InvisibleOperator', first]
  while (!atTermEnd(end)) {
    const f = factor(end, false)
    if (f === undefined) return undefined
    out.push(f)
  }
  return out
}

/**
 * A product: juxtaposed factors (`2\sqrt{3}\pi` → InvisibleOperator), at most one `/` taking the factor before
 * it and everything after it (`3\pi/4` → 3 · (π/4)), or a `\cdot` / `\times` chain of single factors; in wide
 * mode it may start with letters.
 */
function term(end: number): MathJson | undefined {
  const words = wide ? letters(end) : undefined
  if (words === false) return undefined
  // after letters an integer is still a factor of its own (`x equals 4`), once
  if (words !== undefined) return product(end, words, true)
  const first = factor(end, true)
  return first === undefined ? undefined : product(end, [first], false)
}

/**
 * Wide mode: a run of lowercase letters at the start of a term, each its own symbol as the engine reads them
 * (`x equals` is x·e·q·u·a·l·s; checked on every word of up to three letters), each maybe raised (`x^2`).
 * Later in a term only single letters other than e (`2e3` is 2000 to the engine). Undefined when there is none,
 * false when a power is not this grammar's.
 */
function letters(end: number): MathJson[] | undefined | false {
  skipSpaces(end)
  if (!isLower(src.charCodeAt(pos))) return undefined
  const out: MathJson[] = []
  while (pos < end && isLower(src.charCodeAt(pos))) {
    pos++
    const f = power(src[pos - 1] as string, end)
    if (f === undefined) return false
    out.push(f)
    skipSpaces(end)
  }
  return out
}

/** The rest of a term after its first factors (see `term`); `int`: the next factor may be an integer. */
function product(end: number, factors: MathJson[], int: boolean): MathJson | undefined {
  const first = factors[0] as MathJson
  while (!atTermEnd(end)) {
    if (src.charCodeAt(pos) === 47 /* / */) {
      pos++
      const d = denominator(end)
      if (d === undefined) return undefined
      const alone = factors.length === 1
      factors.push(['Divide', factors.pop() as MathJson, d])
      if (!atTermEnd(end)) return undefined
      // set last: the groups inside the denominator are terms too
      infix = alone
      return factors.length === 1 ? (factors[0] as MathJson) : ['InvisibleOperator', ...factors]
    }
    if (timesSign(end)) {
      if (factors.length !== 1) return undefined
      const out: MathJson[] = ['Multiply', first]
      do {
        const f = factor(end, true)
        if (f === undefined) return undefined
        out.push(f)
        if (atTermEnd(end)) {
          infix = true
          return out
        }
      } while (timesSign(end))
      return undefined
    }
    // wide: a letter after another factor (`34x`, `2\pi r`), but never an e (`2e3` is 2000 to the engine)
    const c = src.charCodeAt(pos)
    const f = wide && isLower(c) && c !== 101 ? power(src[pos++] as string, end) : factor(end, int)
    if (f === undefined) return undefined
    int = false
    factors.push(f)
  }
  infix = false
  return factors.length === 1 ? first : ['InvisibleOperator', ...factors]
}

/** A negated term: `-2\sqrt{3}` negates the product, `-3/4` and `-2\cdot 3` only their first factor. */
function negate(t: MathJson): MathJson {
  if (!infix) return ['Negate', t]
  const [head, first, ...rest] = t as readonly MathJson[]
  return [head as MathJson, ['Negate', first as MathJson], ...rest]
}

/** The arguments an `Add` takes from one side: an `Add`'s own (one level), else the value itself. */
function addends(v: MathJson): readonly MathJson[] {
  return Array.isArray(v) && v[0] === 'Add' ? v.slice(1) : [v]
}

/**
 * The engine's shape of a chain of signed terms from `from` on: `-` is left-associative and nests
 * (`1-2-3` is Add(Add(1, -2), -3)); `+` takes the whole rest as its right side and splices one level of both
 * sides into one `Add` (`1+2-3-4` is Add(1, Add(2, -3), -4)).
 */
function chain(terms: readonly MathJson[], minus: readonly boolean[], from: number): MathJson {
  let v = terms[from] as MathJson
  let i = from + 1
  while (i < terms.length && minus[i]) v = ['Add', v, terms[i++] as MathJson]
  if (i === terms.length) return v
  return ['Add', ...addends(v), ...addends(chain(terms, minus, i))]
}

/** A sum of terms with an optional leading sign; a term after `-` is negated (`a - b` is `Add(a, Negate(b))`). */
function sum(end: number): MathJson | undefined {
  skipSpaces(end)
  // braces around the whole are transparent: `{1+\sqrt{2}}`, `\sqrt{{3}}`, `{-5}`
  if (src.charCodeAt(pos) === 123) {
    const close = closeOf(pos, end)
    if (close > 0) {
      const at = pos
      pos = close + 1
      skipSpaces(end)
      if (pos === end) {
        pos = at + 1
        const v = sum(close)
        pos = end
        return v
      }
      pos = at
    }
  }
  const sign = src.charCodeAt(pos)
  if (sign === 43 || sign === 45) pos++
  const t = term(end)
  if (t === undefined) return undefined
  const first: MathJson = sign === 45 ? negate(t) : t
  if (pos >= end) return first
  const terms: MathJson[] = [first]
  const minus: boolean[] = [false]
  while (pos < end) {
    const m = src.charCodeAt(pos) === 45
    pos++
    skipSpaces(end)
    const next = src.charCodeAt(pos)
    if (next === 43 || next === 45) return undefined
    const u = term(end)
    if (u === undefined) return undefined
    terms.push(m ? negate(u) : u)
    minus.push(m)
  }
  return chain(terms, minus, 0)
}

/**
 * The engine's MathJSON for `latex` when it is one of the fast forms, else undefined (the caller asks the engine).
 * `wideForms` takes two more forms, as answers are written in RL batches: decimals as factors (`2.5\\pi`,
 * `x equals 10.25`) and a run of lowercase letters starting a term (`x equals \\frac{3}{4}`: a model that answers
 * in words still gets the engine's reading of them, symbols juxtaposed), property-tested against the engine as
 * the rest.
 * @example fastLatexJson('2\\sqrt{3}') //= ['InvisibleOperator', 2, ['Sqrt', 3]]
 * @example fastLatexJson('x is 4', true) //= ['InvisibleOperator', 'x', 'i', 's', 4]
 */
export function fastLatexJson(latex: string, wideForms = false): MathJson | undefined {
  if (!fastPathEnabled() || latex.length > MAX_CHARS) return undefined
  src = latex
  pos = 0
  wide = wideForms
  const v = sum(latex.length)
  src = ''
  return v !== undefined && pos === latex.length ? v : undefined
}
