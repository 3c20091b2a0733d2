/**
 * LaTeX normalisation before parsing, after Math-Verify's `normalize_latex` (huggingface/Math-Verify,
 * `src/math_verify/parser.py`): `\dfrac`→`\frac`, `\frac32`, `\left`/`\right`, spacing commands, degrees,
 * `\text{…}` units, unicode symbols, `\boxed{}` unwrapping and a trailing period. Linear scans only.
 */
import { fastPathEnabled } from './fast-path.js'

/**
 * For each `{` in `s` from `from` on, the index just past its matching `}` (0 when unbalanced), in one pass:
 * looking closes up one by one would be quadratic on `\boxed{\boxed{\boxed{…` (a known way to stall extractors).
 * Starting later changes no match of a `{` at or after `from` (a `}` closes the latest open `{`), provided
 * `from` does not split a backslash escape: the caller starts at the beginning of a run of backslashes.
 */
export function braceMatches(s: string, from = 0): Int32Array {
  const out = new Int32Array(s.length)
  const stack: number[] = []
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 92 /* \ */) i++
    else if (c === 123 /* { */) stack.push(i)
    else if (c === 125 /* } */) {
      const open = stack.pop()
      if (open !== undefined) out[open] = i + 1
    }
  }
  return out
}

/** Index just past the `}` matching the `{` at `open`, or -1 when unbalanced. Linear in the group's length. */
export function braceEnd(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 92 /* \ */) {
      i++
      continue
    }
    if (c === 123 /* { */) depth++
    else if (c === 125 /* } */ && --depth === 0) return i + 1
  }
  return -1
}

/** The content of the last `\boxed{…}` (or `\fbox{…}`) in `s`, brace-balanced; undefined when there is none. */
export function lastBoxed(s: string): string | undefined {
  let matches: Int32Array | undefined
  for (let at = s.length; at > 0; ) {
    const i = Math.max(s.lastIndexOf('\\boxed', at - 1), s.lastIndexOf('\\fbox', at - 1))
    if (i < 0) return undefined
    const name = s.startsWith('\\boxed', i) ? 6 : 5
    let j = i + name
    while (s[j] === ' ') j++
    if (s[j] === '{') {
      matches ??= braceMatches(s)
      const end = matches[j] ?? 0
      if (end > 0) return s.slice(j + 1, end - 1)
    } else if (name === 6 && j > i + name && j < s.length) {
      // `\boxed 5`: the rest of the word, as verl's `last_boxed_only_string`
      let k = j
      while (k < s.length && s[k] !== '$' && s[k] !== ' ' && s[k] !== '\n') k++
      return s.slice(j, k)
    }
    at = i
  }
  return undefined
}

const UNICODE: Record<string, string> = {
  '−': '-',
  '–': '-',
  '×': '\\times ',
  '÷': '\\div ',
  '·': '\\cdot ',
  '≤': '\\le ',
  '≥': '\\ge ',
  '≠': '\\ne ',
  '∞': '\\infty ',
  π: '\\pi ',
  '√': '\\sqrt',
  '∪': '\\cup ',
  '∩': '\\cap ',
  '∈': '\\in ',
  '∅': '\\emptyset ',
  '°': '^\\circ',
  α: '\\alpha ',
  β: '\\beta ',
  γ: '\\gamma ',
  δ: '\\delta ',
  θ: '\\theta ',
  λ: '\\lambda ',
  μ: '\\mu ',
  σ: '\\sigma ',
  φ: '\\phi ',
  ω: '\\omega ',
  '：': ':',
  '，': ',',
}
const UNICODE_RE = new RegExp(`[${Object.keys(UNICODE).join('')}]`, 'g')

/** Commands dropped outright: sizing, spacing and display hints. */
const DROP_RE =
  /\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|displaystyle|textstyle|scriptstyle|limits|quad|qquad|!|,|;|:|\s)(?![a-zA-Z])/g
/** Degree marks: `^\circ`, `^{\circ}`, `\degree`. */
const DEGREE_RE = /\^\s*\{?\s*\\circ\s*\}?|\\degree(?![a-zA-Z])|\\circ(?![a-zA-Z])/g
/** `1{,}234`: the LaTeX thousands separator. */
const BRACE_COMMA = /(\d)\{,\}(?=\d)/g
/** Spellings that only differ in name. */
const ALIASES: readonly (readonly [RegExp, string])[] = [
  [/\\[dt]frac(?![a-zA-Z])/g, '\\frac'],
  [/\\[dt]binom(?![a-zA-Z])/g, '\\binom'],
  [/\\(?:leqslant|leq)(?![a-zA-Z])/g, '\\le'],
  [/\\(?:geqslant|geq)(?![a-zA-Z])/g, '\\ge'],
  [/\\neq(?![a-zA-Z])/g, '\\ne'],
  [/\\lt(?![a-zA-Z])/g, '<'],
  [/\\gt(?![a-zA-Z])/g, '>'],
  [/\\lbrace(?![a-zA-Z])/g, '\\{'],
  [/\\rbrace(?![a-zA-Z])/g, '\\}'],
  [/\\varnothing(?![a-zA-Z])/g, '\\emptyset'],
  [/\\(?:mathbf|mathit|boldsymbol|textbf|mathsf|bm)\s*\{/g, '{'],
  [/\\\$/g, ''],
  [/\\%/g, '%'],
  [BRACE_COMMA, '$1,'],
]

/** `\frac32`, `\binom52` and `\frac3x` → `\frac{3}{2}`, `\binom{5}{2}`, `\frac{3}{x}`; `\sqrt2` → `\sqrt{2}`. */
function braceShorthand(s: string): string {
  if (!s.includes('\\frac') && !s.includes('\\sqrt') && !s.includes('\\binom')) return s
  return s
    .replace(/\\(frac|binom)\s*([0-9a-zA-Z])\s*([0-9a-zA-Z])/g, '\\$1{$2}{$3}')
    .replace(/\\sqrt\s*(\d)/g, '\\sqrt{$1}')
}

const CHOOSE = /\\choose(?![a-zA-Z])/

/**
 * `{n \choose k}` → `\binom{n}{k}` (the group around the `\choose`, or the whole text when there is none). At most
 * a few per answer: each rewrite scans back to the group's `{`.
 */
function chooseToBinom(input: string): string {
  let s = input
  for (let tries = 0; tries < 8; tries++) {
    const at = s.search(CHOOSE)
    if (at < 0) return s
    let open = -1
    for (let i = at - 1, depth = 0; i >= 0; i--) {
      const c = s.charCodeAt(i)
      if (i > 0 && s.charCodeAt(i - 1) === 92 /* \ */) continue
      if (c === 125 /* } */) depth++
      else if (c === 123 /* { */ && depth-- === 0) {
        open = i
        break
      }
    }
    const close = open < 0 ? s.length : braceEnd(s, open) - 1
    if (close < 0) return s
    const n1 = s.slice(open + 1, at).trim()
    const k = s.slice(at + 7, close).trim()
    s = `${s.slice(0, Math.max(open, 0))}\\binom{${n1}}{${k}}${s.slice(Math.min(close + 1, s.length))}`
  }
  return s
}

/**
 * `\text{…}`, `\mbox{…}`, `\mathrm{…}` groups: units after a value are dropped (`10\text{ cm}` → `10`); a text
 * that is the whole answer is kept as its words (`\text{yes}` → `\text{yes}`).
 */
function textGroups(s: string): string {
  if (!s.includes('\\text') && !s.includes('\\mbox') && !s.includes('\\mathrm')) return s
  let out = ''
  let words = ''
  let last = 0
  const re = /\\(?:text|mbox|mathrm|textrm|operatorname)\s*\{/g
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const open = m.index + m[0].length - 1
    const end = braceEnd(s, open)
    if (end < 0) break
    const inner = s.slice(open + 1, end - 1)
    const cmd = m[0].slice(1, m[0].indexOf('{')).trim()
    out += s.slice(last, m.index)
    if (cmd === 'operatorname' || (cmd === 'mathrm' && inner.trim().length <= 1)) out += `${m[0]}${inner}}`
    else if (/^[\s\d.,+\-/()]*$/.test(inner)) out += inner
    else {
      words += inner
      // a squared or cubed unit goes with it (`10\text{ cm}^2` is 10)
      const power = /^\s*\^\s*(?:\{\s*\d\s*\}|\d)/.exec(s.slice(end, end + 12))
      last = end + (power ? power[0].length : 0)
      re.lastIndex = last
      continue
    }
    last = end
    re.lastIndex = end
  }
  out += s.slice(last)
  if (out.trim() === '' || /^[\s()[\].,:]*$/.test(out)) return `\\text{${words.trim()}}`
  return out
}

/** A run of spaces that `\s+` → ' ' changes: two or more, or one that is not ' '. */
const UNFOLDED = /\s\s|[^\S ]/
const SPACE = /\s/

const isPlainChar = (c: number) =>
  (c >= 48 && c <= 57) || // 0-9
  (c >= 97 && c <= 122) || // a-z
  (c >= 65 && c <= 90) || // A-Z
  c === 32 ||
  c === 43 || // +
  c === 45 || // -
  c === 46 || // .
  c === 47 || // /
  c === 123 || // {
  c === 125 // }

/** The length of the command at `i` (a backslash) when it is `\frac{`, `\sqrt{` or `\pi` (not before a letter), else 0. */
function plainCommand(s: string, i: number): number {
  if (s.startsWith('frac{', i + 1) || s.startsWith('sqrt{', i + 1)) return 5
  if (s.startsWith('pi', i + 1)) {
    const c = s.charCodeAt(i + 3)
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 0 : 3
  }
  return 0
}

/**
 * Whether `s` is plain LaTeX: ASCII letters and digits, single spaces between other characters, `+ - . / { }`
 * and only the commands `\frac{`, `\sqrt{` and `\pi`, not ending in a period. `normalizeLatex` returns such a
 * string unchanged (each of its rewrites needs a character or a command outside this set, a `\frac` without its
 * brace, or spaces to fold or trim), and `parseMath` reads it as one leaf (every separator of a structure is
 * outside it too). A fast path for the answers RL batches are full of; checked against the code with the fast
 * path off.
 * @example isPlainLatex('x equals \\frac{2\\pi}{3}') //= true
 */
export function isPlainLatex(s: string): boolean {
  const n = s.length
  if (n === 0 || s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32 || s.charCodeAt(n - 1) === 46) return false
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c === 92 /* \ */) {
      const len = plainCommand(s, i)
      if (len === 0) return false
      i += len - 1
    } else if (!isPlainChar(c) || (c === 32 && s.charCodeAt(i + 1) === 32)) return false
  }
  return true
}

/**
 * Normalises one LaTeX answer for parsing and for string comparison.
 * @example normalizeLatex('\\dfrac{1}{2}\\text{ cm}.') //= '\\frac{1}{2}'
 */
export function normalizeLatex(input: string): string {
  if (fastPathEnabled() && isPlainLatex(input)) return input
  let s = input
  if (s.includes('\\boxed') || s.includes('\\fbox')) s = lastBoxed(s) ?? s
  s = s.replace(UNICODE_RE, (c) => UNICODE[c] ?? c)
  // every pattern of these but `{,}` starts with a backslash: plain answers (numbers) skip them
  if (s.includes('\\') || !fastPathEnabled()) {
    s = s.replace(DROP_RE, ' ')
    s = s.replace(DEGREE_RE, '')
    for (const [re, to] of ALIASES) s = s.replace(re, to)
    if (s.includes('\\choose')) s = chooseToBinom(s)
  } else if (s.includes('{,}')) s = s.replace(BRACE_COMMA, '$1,')
  s = braceShorthand(s)
  s = textGroups(s)
  // every space a single ' ' (most text) is already folded: replacing each by itself costs more than looking
  if (!fastPathEnabled() || UNFOLDED.test(s)) s = s.replace(/\s+/g, ' ')
  s = s.trim()
  // a sentence's last period or comma, and a leading "x is" are not part of the answer
  while (s.endsWith('.') || s.endsWith(',') || s.endsWith(';')) s = s.slice(0, -1).trimEnd()
  if (s.startsWith('$') && s.endsWith('$') && s.length > 1) s = s.replace(/^\$+|\$+$/g, '').trim()
  return s
}

/** The text with every space removed, for string equality. */
export function compactText(s: string): string {
  return SPACE.test(s) ? s.replace(/\s+/g, '') : s
}
