import { splitWhitespace } from './sequence.js'

/**
 * The `13a` tokenizer of sacrebleu (mteval-v13a.pl), which HF `evaluate`'s `bleu` and `google_bleu` copy. The four
 * substitutions are single character classes, so they run in linear time.
 * @see https://github.com/mjpost/sacrebleu/blob/master/sacrebleu/tokenizers/tokenizer_13a.py
 */

const PUNCT = /([{-~[-` -&(-+:-@/])/g
const PERIOD_COMMA_AFTER_NON_DIGIT = /([^0-9])([.,])/g
const PERIOD_COMMA_BEFORE_NON_DIGIT = /([.,])([^0-9])/g
const DASH_AFTER_DIGIT = /([0-9])(-)/g

/**
 * Splits a line into 13a tokens (case preserved).
 * @example tokenize13a('Hello, world! It costs $3.50.') //= ['Hello', ',', 'world', '!', 'It', 'costs', '$', '3.50', '.']
 */
export function tokenize13a(line: string): string[] {
  let s = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ')
  if (s.includes('&'))
    s = s.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>')
  s = ` ${s} `
  s = s.replace(PUNCT, ' $1 ')
  if (s.includes('.') || s.includes(',')) {
    s = s.replace(PERIOD_COMMA_AFTER_NON_DIGIT, '$1 $2 ')
    s = s.replace(PERIOD_COMMA_BEFORE_NON_DIGIT, ' $1 $2')
  }
  if (s.includes('-')) s = s.replace(DASH_AFTER_DIGIT, '$1 $2 ')
  return splitWhitespace(s)
}
