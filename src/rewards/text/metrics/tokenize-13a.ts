import { splitWhitespace } from './sequence.js'

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

/**
 * Splits a line into 13a tokens (case preserved).
 * @example tokenize13a('Hello, world! It costs $3.50.') //= ['Hello', ',', 'world', '!', 'It', 'costs', '$', '3.50', '.']
 */
export function tokenize13a(line: string): string[] {
  let s = line
  if (s.includes('<skipped>')) s = s.replaceAll('<skipped>', '')
  if (s.includes('\n')) s = s.replaceAll('-\n', '').replaceAll('\n', ' ')
  if (s.includes('&'))
    s = s.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>')
  return splitWhitespace(apply13aRules(` ${s} `))
}
