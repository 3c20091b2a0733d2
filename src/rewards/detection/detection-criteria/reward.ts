import { z } from 'zod'
import { defineReward, invalid, type RewardOutput, scored } from '../../../core/index.js'
import { isProperBox } from '../../geometry/index.js'
import { modeParam } from '../../shared/params.js'
import { stripFence } from '../shared/answer.js'
import { coordParams } from '../shared/params.js'
import { isOutput, prepareDetection } from '../shared/prepare.js'
import {
  type ClassedBox,
  criteriaPhase,
  criteriaPrecision,
  criteriaRecall,
  dualFormatOf,
  matchGious,
} from './detection-criteria.js'

export const DetectionCriteriaParams = z.object({
  schedule: z
    .enum(['adaptive', 'off'])
    .default('adaptive')
    .describe(
      '"adaptive": the paper\'s progressive rule refinement by item.step; "off": the released script\'s clamps',
    ),
  switchStep: z.int().min(0).default(1500).describe('the step at which the adaptive schedule tightens its thresholds'),
  mode: modeParam,
  ...coordParams,
})
export type DetectionCriteriaParams = z.infer<typeof DetectionCriteriaParams>

const COMPONENTS = ['precision', 'recall', 'dualFormat'] as const
const zero = { precision: 0, recall: 0, dualFormat: 0 }

/** Category ids: `meta.categories` (strings, lower-cased) when given, else the ground-truth labels; 0 = unknown. */
function categoryIds(meta: Record<string, unknown> | undefined, gtLabels: readonly string[]): Map<string, number> {
  const list = Array.isArray(meta?.categories) ? (meta.categories as unknown[]) : gtLabels
  const ids = new Map<string, number>()
  for (const c of list) if (typeof c === 'string' && !ids.has(c.toLowerCase())) ids.set(c.toLowerCase(), ids.size + 1)
  return ids
}

/**
 * Vision-R1 criterion-driven detection reward: `precision + recall + dualFormat` (components), each in [0, 1].
 * The answer (the `<answer>` body, else the whole output) is a Qwen2.5-VL JSON list, with a linear scanner as the
 * fallback for broken JSON; boxes with `x1 ≥ x2` or `y1 ≥ y2` are dropped; coordinates are in `pixel-resized`
 * unless the param or `meta.coordSpace` says otherwise. Box-prioritised Hungarian matching on
 * `L1 − 1[same class] − GIoU`; precision and recall shape the pairs' GIoUs by the phase of `item.step`.
 * No prediction: 0 with objects, 1 without; predictions on an image without objects: 0.
 * `fixed` differs from the reference (`faithful`) in three ways: precision divides by every prediction (dropped
 * and unmatched ones count 0) rather than by the matched pairs, which let extra boxes cost nothing; unknown
 * labels (id 0) never count as the same class; dual format requires a list of objects.
 * @see jefferyZhan/Griffon `Vision-R1/vision_r1/visionr1_qwen.py` (arXiv:2503.18013); rewards.md 3
 * @example score({ response: '[{"bbox_2d": [0, 0, 10, 10], "label": "cat"}]', reference: [{ box: [0, 0, 10, 10], label: 'cat' }], step: 0 }, { coordSpace: 'pixel' }) //= 3
 */
export const detectionCriteriaReward = defineReward({
  id: 'detection-criteria',
  version: 2,
  summary: 'Vision-R1 precision + recall (Hungarian on L1 − class − GIoU, step-dependent thresholds) + dual format',
  source: 'jefferyZhan/Griffon Vision-R1/vision_r1/visionr1_qwen.py (arXiv:2503.18013)',
  params: DetectionCriteriaParams,
  needs: { reference: true, image: true },
  range: [0, 3],
  components: () => COMPONENTS,
  score: ({ response, reference, item, params: p }): RewardOutput => {
    const prep = prepareDetection(response, reference, item, p, {
      which: 'last',
      lenientTags: p.mode === 'fixed',
      wholeIfNoTag: true,
      scan: true,
      fallbackSpace: 'pixel-resized',
    })
    if (isOutput(prep)) return { ...prep, components: zero }
    const { ref, answer, parsed, preds } = prep
    if (!answer) return invalid({ code: 'empty_answer' }, 0, zero)
    const fixed = p.mode === 'fixed'
    const gts = ref.objects
    const format = dualFormatOf(parsed, stripFence(answer), gts.length, p.mode)
    const kept = preds.filter((x) => isProperBox(x.box))
    const step = item.step
    const phase = criteriaPhase(p.schedule, step ?? 0, p.switchStep)
    const note =
      p.schedule === 'adaptive' && step === undefined
        ? { code: 'ok' as const, note: 'no item.step: phase 1' }
        : undefined
    if (kept.length === 0) {
      const v = gts.length === 0 ? 1 : 0
      return scored(v + v + format, note, { precision: v, recall: v, dualFormat: format })
    }
    if (gts.length === 0) return scored(format, note, { precision: 0, recall: 0, dualFormat: format })
    const ids = categoryIds(
      item.meta,
      gts.map((g) => g.label),
    )
    const cls = (label: string) => ids.get(label.toLowerCase()) ?? 0
    const P: ClassedBox[] = kept.map((x) => ({ box: x.box, cls: cls(x.label) }))
    const G: ClassedBox[] = gts.map((g) => ({ box: g.box, cls: cls(g.label) }))
    const same = fixed ? (a: number, b: number) => a === b && a !== 0 : (a: number, b: number) => a === b
    const gious = matchGious(P, G, same)
    const precision = criteriaPrecision(gious, fixed ? Math.max(parsed.total, kept.length) : gious.length, phase)
    const recall = criteriaRecall(gious, gts.length, phase)
    return scored(precision + recall + format, note, { precision, recall, dualFormat: format })
  },
})
