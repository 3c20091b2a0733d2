import { codePointLength, levenshtein } from '../metrics/sequence.js'

/**
 * Character error rate: Levenshtein distance in code points / reference length (as `jiwer.cer`, without its
 * whitespace handling: callers normalise first). An empty reference gives the prediction's length.
 * @see https://github.com/jitsi/jiwer (`cer`)
 * @example charErrorRate('helo', 'hello') //= 0.2
 */
export function charErrorRate(prediction: string, reference: string, { lowercase = false } = {}): number {
  const pred = lowercase ? prediction.toLowerCase() : prediction
  const ref = lowercase ? reference.toLowerCase() : reference
  return levenshtein(ref, pred) / Math.max(1, codePointLength(ref))
}
