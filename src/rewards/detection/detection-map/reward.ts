import { z } from 'zod'
import { defineReward, invalid, type RewardOutput, scored } from '../../../core/index.js'
import { modeParam } from '../../shared/params.js'
import { coordParams } from '../shared/params.js'
import { isOutput, prepareDetection } from '../shared/prepare.js'
import { detectionAp, lengthFactor, weightedSum } from './detection-map.js'

export const DetectionMapParams = z.object({
  variant: z
    .enum(['ap', 'ap50', 'od-length', 'weighted-sum'])
    .default('od-length')
    .describe(
      'VLM-R1 accu_reward_method: "ap" (od_ap, COCO AP@[.5:.95]), "ap50" (od_ap50), "od-length" (odLength: AP × min(1, N_gt/N_pred), the paper\'s fix for box spraying), "weighted-sum" (detection_score)',
    ),
  mode: modeParam,
  ...coordParams,
})
export type DetectionMapParams = z.infer<typeof DetectionMapParams>

const MAP_COMPONENTS = ['ap', 'ap50', 'lengthFactor'] as const
const WS_COMPONENTS = ['position', 'label', 'completeness'] as const

function zeros(p: DetectionMapParams, v: number): Record<string, number> {
  const keys = p.variant === 'weighted-sum' ? WS_COMPONENTS : MAP_COMPONENTS
  return Object.fromEntries(keys.map((k) => [k, v]))
}

/**
 * VLM-R1 open-vocabulary detection reward: the last `<answer>`, its last fenced JSON list of
 * `{"bbox_2d": [x1, y1, x2, y2], "label": …}` (unparseable JSON = no objects), boxes mapped from `coordSpace` to
 * original pixels, then per-rollout COCO AP (the same code as `cocoEvaluate`), AP50, AP × length factor, or the
 * weighted sum. Ground truth and answer both empty (or "None") → 1; exactly one empty → 0; an empty answer is
 * invalid. In `fixed` mode only "None" or a JSON `[]` says "no object"; `faithful` also takes unparseable prose.
 * `fixed` departs from VLM-R1 (`faithful`) in three ways:
 * - `faithful` drops predictions whose label is not in the ground truth (QUIRK); `fixed` counts each such label as
 *   a category with AP 0 and, in weighted-sum, as an unmatched false alarm (it already is one there).
 * - `faithful` keeps pycocotools' area filter, which ignores an unmatched box of negative area (one side inverted,
 *   e.g. `[300, 300, 400, 200]`); `fixed` counts it as a false positive, as rewards.md §2b's cumulative TP/FP do,
 *   so a policy cannot spray inverted boxes for free (weighted-sum already counts them as false alarms).
 * - `faithful` reads only strict `<answer>` tags (VLM-R1's `<answer>(.*?)</answer>`); `fixed` also `< answer >`.
 * @see om-ai-lab/VLM-R1 `src/open-r1-multimodal/src/open_r1/grpo_jsonl.py`; rewards.md 2b
 * @example score({ response: '<answer>[{"bbox_2d":[0,0,82,100],"label":"a"},{"bbox_2d":[300,300,310,310],"label":"a"}]</answer>', reference: [{ box: [0, 0, 100, 100], label: 'a' }, { box: [500, 500, 600, 600], label: 'a' }] }, { coordSpace: 'pixel' }) //= 0.3534…
 */
export const detectionMapReward = defineReward({
  id: 'detection-map',
  version: 2,
  summary: 'per-rollout COCO mAP of a detection list (VLM-R1 od_ap / od_ap50 / odLength / weighted_sum)',
  source: 'om-ai-lab/VLM-R1 src/open-r1-multimodal/src/open_r1/grpo_jsonl.py (arXiv:2504.07615)',
  params: DetectionMapParams,
  needs: { reference: true, image: true },
  range: [0, 1],
  components: (p) => (p.variant === 'weighted-sum' ? WS_COMPONENTS : MAP_COMPONENTS),
  score: ({ response, reference, item, params: p }): RewardOutput => {
    const prep = prepareDetection(response, reference, item, p, { which: 'last', lenientTags: p.mode === 'fixed' })
    if (isOutput(prep)) return { ...prep, components: zeros(p, 0) }
    const { ref, answer, parsed, preds } = prep
    const gts = ref.objects
    if (answer.length === 0) return invalid({ code: 'empty_answer' }, 0, zeros(p, 0))
    const saysNone = answer === 'None' || preds.length === 0
    if (gts.length === 0 || saysNone) {
      // "no object" must be said: "None" or an empty list; in fixed mode prose that is not JSON never passes
      const emptyList = p.mode === 'fixed' ? parsed.via === 'json' && parsed.total === 0 : parsed.total === 0
      if (gts.length === 0 && (answer === 'None' || emptyList))
        return scored(1, { code: 'ok', note: 'no objects, none predicted' }, zeros(p, 1))
      return scored(
        0,
        { code: 'wrong_answer', expected: `${gts.length} objects`, got: `${preds.length} objects` },
        zeros(p, 0),
      )
    }
    if (p.variant === 'weighted-sum') {
      const d = weightedSum(gts, preds)
      return scored(d.score, undefined, { position: d.position, label: d.label, completeness: d.completeness })
    }
    const d = detectionAp(gts, preds, p.mode === 'fixed', { areaFilter: p.mode === 'faithful' })
    const lf = lengthFactor(gts.length, parsed.total)
    const score = p.variant === 'ap' ? d.ap : p.variant === 'ap50' ? d.ap50 : d.ap * lf
    return scored(score, undefined, { ap: d.ap, ap50: d.ap50, lengthFactor: lf })
  },
})
