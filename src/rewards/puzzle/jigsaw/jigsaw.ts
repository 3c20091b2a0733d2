import { invalid, type RewardOutput, scored } from '../../../core/index.js'
import { extractTag } from '../../parsing/tags.js'
import { type JigsawGrid, readPieces } from './grid.js'

/** What the jigsaw reward measures. */
export type JigsawMeasure = 'positions' | 'connections' | 'complete'

export interface JigsawDetail {
  score: number
  /** pieces read from the answer (−1: a bad token; more than m·n counts as m·n + 1) */
  pieces: number
  failure?: 'no_answer' | 'empty_answer' | 'bad_token'
  /** the pieces as read, when a full grid scored below 1 */
  predicted?: string
}

// reused across calls (scoring is synchronous): no allocation per item beyond the answer slice
let buffer = new Int32Array(17)

/**
 * Jigsaw-R1 accuracy of a grid answer such as `<answer>2 1 4 3</answer>` (row-major, 1-based pieces; `` ` , ; ``
 * and newlines separate like spaces; duplicates allowed, any token outside `[0-9]+` ∩ [1, m·n] voids the answer).
 * - `positions` (default): the fraction of positions where the piece is right; 0 unless exactly m·n pieces.
 * - `connections` (`score_jigsaw_connections`): the fraction of the 2mn − m − n horizontal and vertical
 *   neighbour pairs of the predicted grid that are neighbours in the same orientation in the solution (a 1×1 grid,
 *   with no pairs, falls back to `positions`).
 * - `complete`: 1 when the answer reads as exactly m·n pieces: the grid half of Jigsaw-R1's format reward, to be
 *   combined with format-think-answer by `min` in the spec.
 * Both accuracies are 1 exactly when the answer is the solution. The first `<answer>` block is read.
 * @see rewards.md §5b; zifuwanggg/Jigsaw-R1 `utils/reward.py` (Wang et al., "Jigsaw-R1", arXiv:2505.23590)
 * @example jigsawScore('<answer>1 3 2 4</answer>', readGrid([1, 2, 3, 4]) as JigsawGrid).score //= 0.5
 */
export function jigsawScore(response: string, grid: JigsawGrid, measure: JigsawMeasure = 'positions'): JigsawDetail {
  const body = extractTag(response, 'answer', { lenient: false })
  if (body === undefined) return { score: 0, pieces: 0, failure: 'no_answer' }
  const n = grid.order.length
  if (buffer.length < n + 1) buffer = new Int32Array(n + 1)
  // read at most n + 1 pieces: one more than the grid already decides the score, and bounds the work
  const got = readPieces(body, 0, body.length, n, buffer, n + 1)
  if (got === -1) return { score: 0, pieces: -1, failure: 'bad_token' }
  if (got === 0) return { score: 0, pieces: 0, failure: 'empty_answer' }
  const pieces = got === -2 ? n + 1 : got
  if (pieces !== n) return { score: 0, pieces }
  if (measure === 'complete') return { score: 1, pieces }
  const { rows, cols } = grid
  if (measure === 'positions' || rows * cols === 1) {
    let right = 0
    for (let k = 0; k < n; k++) if (buffer[k] === grid.order[k]) right++
    return withPrediction(right / n, n)
  }
  const where = grid.where
  let kept = 0
  for (let k = 0; k < n; k++) {
    const w = where[buffer[k] as number] as number
    if ((k + 1) % cols !== 0 && w % cols !== cols - 1 && where[buffer[k + 1] as number] === w + 1) kept++
    if (k + cols < n && where[buffer[k + cols] as number] === w + cols) kept++
  }
  return withPrediction(kept / (2 * rows * cols - rows - cols), n)
}

function withPrediction(score: number, n: number): JigsawDetail {
  return score === 1 ? { score, pieces: n } : { score, pieces: n, predicted: buffer.subarray(0, n).join(' ') }
}

/** The reward's output for a detail. */
export function jigsawOutput(d: JigsawDetail, grid: JigsawGrid, response: string): RewardOutput {
  const n = grid.order.length
  switch (d.failure) {
    case 'no_answer':
      return invalid({ code: 'no_answer', expected: '<answer>…</answer>' })
    case 'empty_answer':
      return invalid({ code: 'empty_answer' })
    case 'bad_token':
      return invalid({
        code: 'unparseable_answer',
        side: 'response',
        expected: `${n} piece numbers in 1..${n}, separated by spaces or commas`,
        text: response.slice(0, 200),
      })
  }
  if (d.score === 1) return scored(1)
  if (d.pieces !== n)
    return scored(0, {
      code: 'wrong_answer',
      expected: `${n} pieces`,
      got: d.pieces > n ? `more than ${n}` : `${d.pieces}`,
    })
  return scored(d.score, { code: 'wrong_answer', expected: grid.order.join(' '), got: d.predicted ?? '' })
}
