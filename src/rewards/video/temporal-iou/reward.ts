import { z } from 'zod'
import { defineReward, invalid } from '../../../core/index.js'
import { modeParam } from '../../shared/params.js'
import { readReferenceSpan } from '../shared/span.js'
import { temporalIouOutput, temporalIouScore } from './temporal-iou.js'

export const TemporalIouParams = z
  .object({
    parser: z
      .enum(['timelens', 'time-r1', 'motion-o'])
      .default('timelens')
      .describe(
        'how the span is read: "timelens" (default), "time-r1" (last <answer>, "a to b") or "motion-o" (<t>a</t>s to <t>b</t>s)',
      ),
    variant: z
      .enum(['iou', 'iou-v2'])
      .default('iou')
      .describe(
        '"iou" (default) or Time-R1\'s "iou-v2", which also rewards boundary closeness and needs item.meta.duration',
      ),
    mode: modeParam,
  })
  .strict()
export type TemporalIouParams = z.infer<typeof TemporalIouParams>

/** The video duration for `iou-v2`: `item.meta.duration`, else `reference.duration`. */
function readDuration(meta: Record<string, unknown> | undefined, reference: unknown): number | undefined {
  const fromMeta = meta?.duration
  if (typeof fromMeta === 'number' && fromMeta > 0 && Number.isFinite(fromMeta)) return fromMeta
  const fromRef =
    typeof reference === 'object' && reference !== null ? (reference as { duration?: unknown }).duration : undefined
  return typeof fromRef === 'number' && fromRef > 0 && Number.isFinite(fromRef) ? fromRef : undefined
}

export const temporalIouReward = defineReward({
  id: 'temporal-iou',
  version: 1,
  summary:
    'temporal IoU of the predicted [start, end] span (TimeLens, Time-R1 iou / iou_v2, Motion-o ans_tiou parsers)',
  source:
    'TencentARC/TimeLens training/train/reward_funcs.py + training/utils/parser.py; xiaomi-research/time-r1 main.py; ostadabbas/Motion-o training/reward_func_v3.py (rewards.md §6b–6d)',
  params: TemporalIouParams,
  needs: { reference: true },
  // negative only under `variant: 'iou-v2', mode: 'faithful'` (never below −1: see temporalIouScore)
  range: [-1, 1],
  components: (p) => (p.variant === 'iou-v2' ? ['tiou'] : []),
  score: ({ response, reference, item, params }) => {
    const truth = readReferenceSpan(reference)
    if ('code' in truth) return invalid(truth)
    const v2 = params.variant === 'iou-v2'
    const duration = v2 ? readDuration(item.meta, reference) : undefined
    if (v2 && duration === undefined)
      return invalid(
        { code: 'missing_input', field: 'meta.duration', expected: 'the video duration in seconds (> 0)' },
        0,
        { tiou: 0 },
      )
    const detail = temporalIouScore(response, truth, {
      parser: params.parser,
      variant: params.variant,
      mode: params.mode,
      duration: duration ?? Number.NaN,
    })
    return temporalIouOutput(detail, truth, response, params.parser, v2)
  },
})
