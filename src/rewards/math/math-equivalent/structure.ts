/**
 * Reads the structure of one normalised LaTeX answer (lists, sets, tuples, intervals, unions, relations and
 * chains, matrices, `\pm`) with linear bracket-aware scans, and hands each leaf to the fast number path or to the
 * compute engine. Structures are read here rather than by the engine because the engine reads `[1,2)` as an
 * error and `(1,2)` only as a tuple, while answers need both readings.
 */
import { parseLatexExpr } from './engine.js'
import { fastLatexJson } from './fast-latex.js'
import { fastPathEnabled } from './fast-path.js'
import { braceEnd, isPlainLatex } from './normalize.js'
import { fastNumber } from './numbers.js'
import { MATH_LIMITS, type MathValue, type RelOp } from './types.js'

/** Set when a bound of `MATH_LIMITS` was hit while parsing. */
export interface ParseState {
  tooLarge: boolean
}

const OPEN = new Set(['(', '[', '{'])
const CLOSE = new Set([')', ']', '}'])

/** Deepest bracket nesting, stopping early past `limit`. By char code (it runs on every answer parsed). */
function nesting(s: string, limit: number): number {
  let depth = 0
  let max = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 40 /* ( */ || c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) max = depth
      if (max > limit) return max
    } else if (c === 41 /* ) */ || c === 93 /* ] */ || c === 125 /* } */) depth--
  }
  return max
}

export interface Cut {
  at: number
  len: number
  op: string
}

export type CutKind = 'comma' | 'relation' | 'cup' | 'pm' | 'row' | 'cell'

const REL_CMDS: readonly (readonly [string, string])[] = [
  ['\\le', '<='],
  ['\\ge', '>='],
  ['\\ne', '!='],
  ['\\in', 'in'],
]

const isLetterCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/**
 * Positions at bracket depth 0 where `s` is cut by a separator (`,`, a relation, `\cup`, `\pm`, `\\`, `&`).
 * By char code, no per-character strings or set lookups: it runs several times on every answer parsed, and on
 * whole sentences when an output has no delimited answer (tested equal to the string-based version it replaced).
 */
export function topCuts(s: string, kind: CutKind): Cut[] {
  const cuts: Cut[] = []
  let depth = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 92 /* \ */) {
      const next = s.charCodeAt(i + 1)
      if (next === 123 || next === 40 || next === 91) depth++
      else if (next === 125 || next === 41 || next === 93) depth--
      else if (depth === 0) {
        if (kind === 'row' && next === 92) cuts.push({ at: i, len: 2, op: 'row' })
        let j = i + 1
        while (j < s.length && isLetterCode(s.charCodeAt(j))) j++
        if (kind === 'relation' || kind === 'cup' || kind === 'pm') {
          const cmd = s.slice(i, j)
          if (kind === 'relation') {
            const rel = REL_CMDS.find(([name]) => name === cmd)
            if (rel) cuts.push({ at: i, len: cmd.length, op: rel[1] })
          } else if (kind === 'cup' && cmd === '\\cup') cuts.push({ at: i, len: 4, op: 'cup' })
          else if (kind === 'pm' && (cmd === '\\pm' || cmd === '\\mp')) cuts.push({ at: i, len: 3, op: cmd })
        }
        i = j === i + 1 ? i + 1 : j - 1
        continue
      }
      i++
      continue
    }
    if (c === 40 || c === 91 || c === 123) depth++
    else if (c === 41 || c === 93 || c === 125) depth--
    else if (depth === 0) {
      if (kind === 'comma' && c === 44 /* , */) cuts.push({ at: i, len: 1, op: ',' })
      else if (kind === 'cell' && c === 38 /* & */) cuts.push({ at: i, len: 1, op: '&' })
      else if (kind === 'relation' && (c === 61 || c === 60 || c === 62 || c === 33) /* = < > ! */) {
        const eq = s.charCodeAt(i + 1) === 61
        if (c === 33 && !eq) continue
        const ch = s[i] as string
        cuts.push({ at: i, len: eq && c !== 61 ? 2 : 1, op: eq && c !== 61 ? `${ch}=` : ch })
        if (eq && c !== 61) i++
      }
    }
  }
  return cuts
}

function pieces(s: string, cuts: readonly Cut[]): string[] {
  const out: string[] = []
  let from = 0
  for (const cut of cuts) {
    out.push(s.slice(from, cut.at).trim())
    from = cut.at + cut.len
  }
  out.push(s.slice(from).trim())
  return out
}

function parseAll(parts: readonly string[], st: ParseState): MathValue[] | undefined {
  if (parts.length > MATH_LIMITS.items) {
    st.tooLarge = true
    return undefined
  }
  const out: MathValue[] = []
  for (const p of parts) {
    const v = parseMath(p, st)
    if (!v) return undefined
    out.push(v)
  }
  return out
}

const FLIP: Record<string, RelOp> = { '>': '<', '>=': '<=' }
const KEEP: Record<string, RelOp> = { '=': '=', '!=': '!=', '<': '<', '<=': '<=', in: 'in' }

function relation(s: string, cuts: readonly Cut[], st: ParseState): MathValue | undefined {
  const terms = parseAll(pieces(s, cuts), st)
  if (!terms) return undefined
  const ops = cuts.map((c) => c.op)
  const down = ops.some((o) => o === '>' || o === '>=')
  const up = ops.some((o) => o === '<' || o === '<=')
  if (down && up) return undefined
  if (!down) return { kind: 'relation', ops: ops.map((o) => KEEP[o] as RelOp), terms }
  return { kind: 'relation', ops: ops.map((o) => FLIP[o] ?? (KEEP[o] as RelOp)).reverse(), terms: terms.reverse() }
}

/** Whether the bracket opening `s` closes at its very end (`(1,2]`, `\\{1\\}`), not before (`(a)(b)`). */
function wrapsWhole(s: string): boolean {
  const setBrace = s.startsWith('\\{')
  let depth = 0
  for (let i = setBrace ? 1 : 0; i < s.length; i++) {
    const ch = s[i] as string
    if (ch === '\\') {
      const next = s[i + 1] ?? ''
      if (next === '{') depth++
      else if (next === '}' && --depth === 0) return i + 2 === s.length
      i++
      continue
    }
    if (OPEN.has(ch)) depth++
    else if (CLOSE.has(ch) && --depth === 0) return i + 1 === s.length
  }
  return false
}

function bracketed(s: string, st: ParseState): MathValue | undefined {
  const set = s.startsWith('\\{')
  const inner = set ? s.slice(2, -2).trim() : s.slice(1, -1).trim()
  const parts = inner === '' ? [] : pieces(inner, topCuts(inner, 'comma'))
  const items = parseAll(parts, st)
  if (!items) return undefined
  if (set) return { kind: 'set', items }
  const [lo, hi] = items
  if (items.length === 1 && lo) return s[0] === '(' ? lo : { kind: 'tuple', items, paren: false }
  const open = s[0] as string
  const close = s[s.length - 1] as string
  if (items.length === 2 && lo && hi && (open !== '(' || close !== ')'))
    return { kind: 'interval', lo, hi, loClosed: open === '[', hiClosed: close === ']' }
  return { kind: 'tuple', items, paren: items.length === 2 }
}

const MATRIX = /^\\begin\{([pbvBV]?matrix|array)\}(?:\{[lcr|\s]*\})?([\s\S]*)\\end\{\1\}$/

function matrix(body: string, st: ParseState): MathValue | undefined {
  const rows: MathValue[][] = []
  for (const row of pieces(body, topCuts(body, 'row'))) {
    if (row === '' && rows.length > 0) continue
    const cells = parseAll(pieces(row, topCuts(row, 'cell')), st)
    if (!cells) return undefined
    rows.push(cells)
  }
  const width = rows[0]?.length ?? 0
  return rows.every((r) => r.length === width) ? { kind: 'matrix', rows } : undefined
}

function plusMinus(s: string, cut: Cut, st: ParseState): MathValue | undefined {
  const head = s.slice(0, cut.at)
  const tail = s.slice(cut.at + cut.len)
  const sign = cut.op === '\\pm' ? ['+', '-'] : ['-', '+']
  const items = parseAll([`${head}${sign[0]}${tail}`, `${head}${sign[1]}${tail}`], st)
  return items ? { kind: 'set', items } : undefined
}

const WORD = /^[A-Za-z][a-z]{2,}(?: [A-Za-z]+)*$/
const HAS_DECIMAL = /(?:^|[^\d])\.\d|\d\.\d/

function leaf(s: string): MathValue | undefined {
  const fast = fastNumber(s)
  if (fast) return fast
  if (s.startsWith('\\text{') && braceEnd(s, 5) === s.length) return { kind: 'text', text: s.slice(6, -1).trim() }
  if (WORD.test(s)) return { kind: 'text', text: s }
  if (s === '\\emptyset') return { kind: 'set', items: [] }
  const percent = s.endsWith('%')
  const body = percent ? s.slice(0, -1) : s
  const json = fastLatexJson(body, true) ?? parseLatexExpr(body)
  if (json === undefined) return undefined
  const float = HAS_DECIMAL.test(body)
  if (percent) return { kind: 'expr', json: ['Divide', json, 100], float }
  if (typeof json === 'number') return { kind: 'number', value: json, float }
  if (typeof json === 'string' && json.startsWith("'")) return { kind: 'text', text: json.slice(1, -1) }
  return { kind: 'expr', json, float }
}

/**
 * Parses one normalised LaTeX answer; undefined when it does not parse (or a bound was hit: `st.tooLarge`).
 * @example parseMath('[1, 2)', { tooLarge: false })?.kind //= 'interval'
 */
export function parseMath(input: string, st: ParseState): MathValue | undefined {
  const s = input.trim()
  if (s === '') return undefined
  if (s.length > MATH_LIMITS.exprChars || nesting(s, MATH_LIMITS.depth) > MATH_LIMITS.depth) {
    st.tooLarge = true
    return undefined
  }
  const fast = fastNumber(s)
  if (fast) return fast
  // no separator of a structure can be in plain LaTeX (see isPlainLatex): straight to the leaf
  if (fastPathEnabled() && isPlainLatex(s)) return leaf(s)
  const commas = topCuts(s, 'comma')
  if (commas.length > 0) {
    const items = parseAll(pieces(s, commas), st)
    return items ? { kind: 'set', items } : undefined
  }
  const rels = topCuts(s, 'relation')
  if (rels.length > 0) return relation(s, rels, st)
  const cups = topCuts(s, 'cup')
  if (cups.length > 0) {
    const parts = parseAll(pieces(s, cups), st)
    return parts ? { kind: 'union', parts } : undefined
  }
  const pm = topCuts(s, 'pm')[0]
  if (pm) return plusMinus(s, pm, st)
  const m = MATRIX.exec(s)
  if (m) return matrix(m[2] as string, st)
  if ((s[0] === '(' || s[0] === '[' || s.startsWith('\\{')) && wrapsWhole(s)) return bracketed(s, st)
  return leaf(s)
}
