/** Worker side of the math pool: one `mathEquivalent` call per task. */
import { mathEquivalent } from '../../rewards/math/math-equivalent/math-equivalent.js'
import type { MathEquivalentResult } from '../../rewards/math/math-equivalent/types.js'
import type { MathTask } from './math-pool.js'

export function handle(task: MathTask): MathEquivalentResult {
  return mathEquivalent(task.gold, task.pred, task.options)
}
