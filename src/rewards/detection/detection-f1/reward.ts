import { z } from 'zod'
import { defineReward, invalid, type RewardOutput, scored } from '../../../core/index.js'
import { coordParams } from '../shared/params.js'
import { isOutput, prepareDetection } from '../shared/prepare.js'
import { detectionF1 } from './detection-f1.js'

export const DetectionF1Params = z.object({
  iouThreshold: z.number().gt(0).max(1).default(0.5).describe('IoU (continuous, COCO) a match needs, in (0, 1]'),
  classAware: z.boolean().default(true).describe('labels must match too (trimmed, case-insensitive)'),
  matching: z
    .enum(['hungarian', 'greedy'])
    .default('hungarian')
    .describe('"hungarian": optimal one-to-one matching; "greedy": each prediction in answer order takes its best gt'),
  ...coordParams,
})
export type DetectionF1Params = z.infer<typeof DetectionF1Params>

const COMPONENTS = ['precision', 'recall', 'f1'] as const
const zero = { precision: 0, recall: 0, f1: 0 }

/**
 * Detection F1 at an IoU threshold on a Qwen2.5-VL JSON list (the last `<answer>`, else the whole output; fenced
 * or not; boxes in `coordSpace`). Every listed item counts as a prediction: malformed, improper and duplicate boxes
 * are false positives, so spraying boxes lowers precision. An answer that is not JSON is invalid (never a pass,
 * even on an image without objects, where `[]` scores 1). Score = F1; precision and recall are components.
 * @see the standard detection precision/recall at IoU ≥ t (PASCAL VOC / COCO matching); protocols.md A
 * @example score({ response: '<answer>[{"bbox_2d": [0, 0, 10, 10], "label": "a"}]</answer>', reference: [{ box: [0, 0, 10, 10], label: 'a' }] }, { coordSpace: 'pixel' }) //= 1
 */
export const detectionF1Reward = defineReward({
  id: 'detection-f1',
  version: 1,
  summary: 'F1 of predicted boxes matched one-to-one to the ground truth at IoU ≥ t (class-aware by default)',
  source: 'standard detection P/R/F1 at an IoU threshold (Everingham et al. 2010, PASCAL VOC; COCO matching)',
  params: DetectionF1Params,
  needs: { reference: true, image: true },
  range: [0, 1],
  components: () => COMPONENTS,
  score: ({ response, reference, item, params: p }): RewardOutput => {
    const prep = prepareDetection(response, reference, item, p, { which: 'last', wholeIfNoTag: true })
    if (isOutput(prep)) return { ...prep, components: zero }
    const { ref, answer, parsed, preds } = prep
    if (!answer) return invalid({ code: 'empty_answer' }, 0, zero)
    if (parsed.via === 'none')
      return invalid(
        { code: 'unparseable_answer', side: 'response', expected: 'a JSON list of {bbox_2d, label}', text: answer },
        0,
        zero,
      )
    const d = detectionF1(ref.objects, preds, p, Math.max(parsed.total, preds.length))
    const reason =
      d.f1 === 1
        ? undefined
        : {
            code: 'wrong_answer' as const,
            expected: `${ref.objects.length} objects`,
            got: `${d.tp} of ${parsed.total} predictions matched`,
          }
    return scored(d.f1, reason, { precision: d.precision, recall: d.recall, f1: d.f1 })
  },
})
