import { levenshteinTokens, splitWhitespace } from '../metrics/sequence.js'

/**
 * Word error rate: word-level Levenshtein distance / number of reference words (whitespace words), as VideoRFT's
 * OCR reward computes it. An empty reference gives 0 against an empty prediction, else the prediction's length.
 * @see https://github.com/QiWang98/VideoRFT (src/r1-v/src/open_r1/grpo.py `wer`)
 * @example wordErrorRate('the cat sat', 'the cat sat down') //= 0.25
 */
export function wordErrorRate(prediction: string, reference: string, { lowercase = false } = {}): number {
  const split = (s: string) => splitWhitespace(lowercase ? s.toLowerCase() : s)
  const ref = split(reference)
  const pred = split(prediction)
  return levenshteinTokens(ref, pred) / Math.max(1, ref.length)
}
