import { memoize } from '../shared.js'
import { normalizeVqaAnswer } from './normalize.js'

const normalizeReference = memoize(normalizeVqaAnswer)

export interface VqaAccuracyOptions {
  /** `leave-one-out`: the official mean over the n subsets of n−1 answers; `simple`: min(1, matches/k) once. */
  form?: 'leave-one-out' | 'simple'
  /** matches that give full credit. Default 3 (VQA's "at least 3 of 10 annotators"). */
  matchesForFull?: number
}

/**
 * VQA accuracy: `min(1, #matching human answers / 3)` after EvalAI normalisation of both sides. The official form
 * averages it over the 10 leave-one-out subsets of 9 answers (so 3 matches of 10 give 0.9, 4 or more give 1).
 * With a single reference, leave-one-out has no other answers, so the simple form is used.
 * @see https://github.com/GT-Vision-Lab/VQA (PythonEvaluationTools/vqaEvaluation/vqaEval.py); lmms-eval textvqa/utils.py
 * @example vqaAccuracy('two', ['2', '2', '2', '3', '3', '3', '3', '3', '3', '3']) //= 0.9
 */
export function vqaAccuracy(
  prediction: string,
  answers: readonly string[],
  { form = 'leave-one-out', matchesForFull = 3 }: VqaAccuracyOptions = {},
): number {
  const pred = normalizeVqaAnswer(prediction)
  if (pred === '') return 0
  let matches = 0
  const isMatch: boolean[] = []
  for (const a of answers) {
    const hit = normalizeReference(a) === pred
    isMatch.push(hit)
    if (hit) matches++
  }
  if (form === 'simple' || answers.length < 2) return Math.min(1, matches / matchesForFull)
  let sum = 0
  for (const hit of isMatch) sum += Math.min(1, (matches - (hit ? 1 : 0)) / matchesForFull)
  return sum / answers.length
}
