import type { Mode } from '../../shared/params.js'
import { codePointLength, collapseWhitespace, levenshtein } from '../metrics/sequence.js'

export interface AnlsOptions {
  /** similarities below it count as 0. Default 0.5. */
  threshold?: number
  /** `faithful`: divide by the raw (un-normalised) lengths, as lmms-eval and VLMEvalKit do. Default `fixed`. */
  mode?: Mode
}

const normalize = (s: string) => collapseWhitespace(s.toLowerCase())

/**
 * Average Normalised Levenshtein Similarity of one prediction: `max over references of 1 − lev/len`, then 0 if
 * below `threshold` (DocVQA, InfographicVQA, ST-VQA). Both sides are lower-cased and their whitespace collapsed.
 *
 * `mode: "faithful"` divides by `max(len(raw_gt.upper()), len(raw_pred.upper()))`, the lengths *before*
 * normalisation, as lmms-eval `anls` and VLMEvalKit `anls_compute` both do. That is exploitable in RL: padding the
 * answer with spaces inflates the denominator and the score (`"x" + 100 spaces` vs `"y"` scores ≈ 0.99).
 * `fixed` (default) divides by the normalised lengths.
 * @see https://github.com/EvolvingLMMs-Lab/lmms-eval (lmms_eval/api/metrics.py `anls`), VLMEvalKit vqa_eval.py `anls_compute`
 * @example anls('The Cat', ['the cat']) //= 1
 */
export function anls(prediction: string, references: readonly string[], options: AnlsOptions = {}): number {
  const { threshold = 0.5, mode = 'fixed' } = options
  const pred = normalize(prediction)
  if (pred === '') return 0
  const predLength = mode === 'faithful' ? codePointLength(prediction.toUpperCase()) : codePointLength(pred)
  let best = 0
  for (const ref of references) {
    const gt = normalize(ref)
    const length =
      mode === 'faithful'
        ? Math.max(codePointLength(ref.toUpperCase()), predLength)
        : Math.max(codePointLength(gt), predLength)
    const q = length === 0 ? 1 : 1 - levenshtein(gt, pred) / length
    if (q > best) best = q
  }
  return best < threshold ? 0 : best
}
