import type { Mode } from '../../shared/params.js'

export type ClassificationMatch = 'exact' | 'substring' | 'verbatim'

export interface ClassificationOptions {
  /** `exact` (CLS-RL, default), `substring` (Visual-RFT) or `verbatim` (No-Thinking CLS-RL) */
  match?: ClassificationMatch
  /** `fixed` (default): an empty answer never matches. `faithful`: Visual-RFT's empty answer matches everything. */
  mode?: Mode
}

/** Visual-RFT's normalisation: drop spaces and underscores, lower-case. */
const squash = (s: string) => s.replaceAll(' ', '').replaceAll('_', '').toLowerCase()

/**
 * Whether a class-label answer matches the ground truth, the way each reference checks it:
 * - `exact` (CLS-RL `grpo.py`): the `<answer>` text (no DOTALL) **or** the whole output, each stripped, equals the
 *   label ignoring case (an output over `4·|label| + 256` chars is not compared whole: it bounds the work).
 * - `substring` (Visual-RFT `grpo_classification.py`): after dropping spaces and `_` and lower-casing,
 *   `gt in ans or ans in gt`. QUIRK (rewards.md §1b): an empty answer is a substring of every label, so `faithful`
 *   scores it 1; `fixed` requires a non-empty answer.
 * - `verbatim` (No-Thinking CLS-RL `grpo_direct.py`): the whole output equals the label exactly (no strip, case-sensitive).
 * Both references first try math_verify on the pair; class labels are words, so that step is left out here.
 * @see https://github.com/minglllli/CLS-RL src/cls-rl/src/open_r1/grpo.py, grpo_direct.py;
 *   https://github.com/Liuziyu77/Visual-RFT src/virft/src/open_r1/grpo_classification.py
 * @example classification('golden_retriever', 'whole output', 'Golden Retriever', { match: 'substring' }) //= true
 * @example classification('', '', 'cat', { match: 'substring', mode: 'faithful' }) //= true
 */
export function classification(
  answer: string,
  whole: string,
  label: string,
  options: ClassificationOptions = {},
): boolean {
  const { match = 'exact', mode = 'fixed' } = options
  if (match === 'verbatim') return whole === label && (mode === 'faithful' || label !== '')
  if (match === 'exact') {
    const gt = label.trim().toLowerCase()
    if (gt === '' && mode === 'fixed') return false
    if (answer.trim().toLowerCase() === gt) return true
    // the whole output can only equal the label if it is the label plus whitespace; skip the copy of a long one
    return whole.length <= 4 * label.length + 256 && whole.trim().toLowerCase() === gt
  }
  const ans = squash(answer.trim())
  const gt = squash(label.trim())
  if (mode === 'fixed' && (ans === '' || gt === '')) return false
  return ans.includes(gt) || gt.includes(ans)
}
