import { invalid, type RewardOutput, scored } from '../../../core/index.js'
import { boxToPixels, type CoordMapping, parseBoxes } from '../../coords/index.js'
import { type BoxXYXY, isProperBox } from '../../geometry/index.js'
import type { Mode } from '../../shared/params.js'
import { answerText, boxText, isReason, unparseable } from '../shared/item.js'
import type { AnswerSource, RewardFormat } from '../shared/params.js'
import { firstRegexBox, isBareIntBox } from '../shared/regex-box.js'

export interface GuiGaussianOptions {
  mode?: Mode | undefined
  /** fixed mode: how the model writes its box (default `plain`) */
  format?: RewardFormat | undefined
  /** fixed mode: where the answer is (default `tag-or-whole`) */
  answer?: AnswerSource | undefined
  /** σ = α·size (default 0.5) */
  alpha?: number | undefined
  /** weights ν, γ and of the format reward (default 1 each, as GUI-G²'s total) */
  weights?: { point?: number | undefined; coverage?: number | undefined; format?: number | undefined } | undefined
}

/** The parts of a GUI-G² score, each rounded to 3 decimals as the reference does. */
export interface GuiGaussianParts {
  point: number
  coverage: number
}

const round3 = (x: number): number => Number(x.toFixed(3))

/**
 * GUI-G² Gaussian rewards of a predicted box `p` against the ground-truth box `g` (same pixels):
 * `point = exp(−½[(Δcx/σx)² + (Δcy/σy)²])` with `σ = α·(w_g, h_g)`; `coverage = exp(−D_B)`, the Bhattacharyya
 * coefficient of the two diagonal Gaussians `N(μ, diag((α w)², (α h)²))` with the reference's 1e-8 regularisers.
 * @see ZJU-REAL/GUI-G2 `src/gui_g2/src/open_r1/gaussian_grpo.py`; rewards.md §4
 * @example gaussianParts([130, 110, 190, 140], [100, 100, 200, 150]) //= { point: 0.98, coverage: 0.876 }
 */
export function gaussianParts(p: BoxXYXY, g: BoxXYXY, alpha = 0.5): GuiGaussianParts {
  const wp = p[2] - p[0]
  const hp = p[3] - p[1]
  const wg = g[2] - g[0]
  const hg = g[3] - g[1]
  const dx = (p[0] + p[2]) / 2 - (g[0] + g[2]) / 2
  const dy = (p[1] + p[3]) / 2 - (g[1] + g[3]) / 2
  const sgx = (alpha * wg) ** 2
  const sgy = (alpha * hg) ** 2
  const point = Math.exp(-0.5 * ((dx * dx) / sgx + (dy * dy) / sgy))
  const spx = (alpha * wp) ** 2
  const spy = (alpha * hp) ** 2
  const sx = (spx + sgx) / 2
  const sy = (spy + sgy) / 2
  const maha = (dx * dx) / (sx + 1e-8) + (dy * dy) / (sy + 1e-8)
  const db = maha / 8 + 0.5 * Math.log((sx * sy) / Math.sqrt(spx * spy * sgx * sgy + 1e-8))
  const coverage = Math.exp(-db)
  return { point: finite01(round3(point)), coverage: finite01(round3(coverage)) }
}

/** NaN (a zero-size ground truth divides by zero) → 0, as the reference's try/except gives. */
const finite01 = (v: number): number => (v >= 0 && v <= 1 ? v : 0)

const ZERO = Object.freeze({ point: 0, coverage: 0, format: 0 })

/**
 * GUI-G²'s total `ν·R_point + γ·R_cov + f·R_format` for one response. The format reward is GUI-G²'s
 * `re.fullmatch(r"\[\s*\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\]")` of the output (faithful: of the text after the last
 * `assistant\n`, untrimmed; fixed: of the trimmed output).
 * - `faithful`: the first `\[(-?\d*\.?\d+), …\]` of the whole output; an inverted box keeps its centre and gets
 *   positive variances from the squared sides (a QUIRK: it scores like the proper box).
 * - `fixed` (default): the first box of `format` in the answer; an inverted, degenerate or non-finite box scores 0.
 * A ground truth of zero width or height (rewards.md §4: a division error, hence 0) gives point and coverage 0 and
 * an `invalid_reference` reason in both modes; the format reward still counts, as the reference's separate function.
 * @see ZJU-REAL/GUI-G2 `src/gui_g2/src/open_r1/gaussian_grpo.py`; rewards.md §4
 * @example guiGaussian('[110,105,210,155]', [100, 100, 200, 150], PIXEL_MAPPING).components //= { point: 0.961, coverage: 0.99, format: 1 }
 */
export function guiGaussian(
  response: string,
  gt: BoxXYXY,
  mapping: CoordMapping,
  options: GuiGaussianOptions = {},
): RewardOutput {
  const { mode = 'fixed', format = 'plain', answer = 'tag-or-whole', alpha = 0.5, weights = {} } = options
  const faithful = mode === 'faithful'
  const text = faithful ? answerText(response, 'whole') : answerText(response, answer)
  if (isReason(text)) return invalid(text, 0, ZERO)
  const fmt = faithful ? isBareIntBox(afterLastAssistant(response)) : isBareIntBox(response.trim())
  const wf = weights.format ?? 1
  const formatScore = fmt ? 1 : 0
  if (!(gt[2] > gt[0] && gt[3] > gt[1])) {
    // GUI-G²'s point and coverage rewards divide by the ground truth's size and catch the error as 0; its format
    // reward is a separate function, unaffected
    const reason = {
      code: 'invalid_reference' as const,
      expected: 'a box of non-zero width and height',
      got: boxText(gt),
    }
    return invalid(reason, wf * formatScore, { ...ZERO, format: formatScore })
  }
  const raw = faithful ? firstRegexBox(text, 'signed-decimal') : parseBoxes(text, format, { max: 1 })[0]?.coords
  if (!raw) {
    const reason = unparseable(`a box in the ${format} format`, text)
    return invalid(reason, wf * formatScore, { ...ZERO, format: formatScore })
  }
  const box = boxToPixels(raw, mapping)
  if (!faithful && !isProperBox(box)) {
    const reason = unparseable('a box with x1 < x2 and y1 < y2', boxText(raw))
    return invalid(reason, wf * formatScore, { ...ZERO, format: formatScore })
  }
  const { point, coverage } = gaussianParts(box, gt, alpha)
  const score = (weights.point ?? 1) * point + (weights.coverage ?? 1) * coverage + wf * formatScore
  const components = { point, coverage, format: formatScore }
  if (point > 0 || coverage > 0) return scored(score, undefined, components)
  return scored(score, { code: 'wrong_answer', expected: boxText(gt), got: boxText(box) }, components)
}

function afterLastAssistant(response: string): string {
  const i = response.lastIndexOf('assistant\n')
  return i === -1 ? response : response.slice(i + 'assistant\n'.length)
}
