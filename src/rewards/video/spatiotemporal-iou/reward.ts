import { z } from 'zod'
import { defineReward, invalid, OK, type RewardReason, scored } from '../../../core/index.js'
import { MAX_CLAIMS } from '../shared/claims.js'
import { showSpan } from '../shared/span.js'
import { readVideoReference } from '../shared/video-reference.js'
import { type SpatiotemporalDetail, spatiotemporalScore } from './spatiotemporal-iou.js'

export const SpatiotemporalIouParams = z.object({}).strict()
export type SpatiotemporalIouParams = z.infer<typeof SpatiotemporalIouParams>

function failureReason(d: SpatiotemporalDetail, response: string): RewardReason {
  switch (d.failure) {
    case 'no_span':
      return {
        code: 'unparseable_answer',
        side: 'response',
        expected: 'a span <t>start</t>s to <t>end</t>s',
        text: response.slice(0, 200),
      }
    case 'reversed_span':
      return {
        code: 'unparseable_answer',
        side: 'response',
        expected: 'a span with start < end',
        text: showSpan(d.predicted ?? [0, 0]),
      }
    case 'too_many_boxes':
      return { code: 'too_large', limit: 'box claims in the answer', size: MAX_CLAIMS + 1, max: MAX_CLAIMS }
    default:
      return { code: 'no_answer', expected: '<box>[x1,y1,x2,y2]</box> at <t>seconds</t>s claims in the answer' }
  }
}

export const spatiotemporalIouReward = defineReward({
  id: 'spatiotemporal-iou',
  version: 1,
  summary: 'spatio-temporal grounding: tIoU × mean box IoU over ground-truth frames inside the predicted span (m_vIoU)',
  source:
    'rewards.md §6e (STVG-o1 "Thinking With Bounding Boxes", APPROX: code unreleased); VidSTG m_vIoU (arXiv:2001.06891)',
  params: SpatiotemporalIouParams,
  needs: { reference: true },
  range: [0, 1],
  components: () => ['tiou', 'spatial'],
  score: ({ response, reference }) => {
    const ref = readVideoReference(reference)
    if ('code' in ref) return invalid(ref, 0, { tiou: 0, spatial: 0 })
    const { span } = ref
    if (!span || ref.keyframes.length === 0)
      return invalid(
        { code: 'invalid_reference', expected: 'a span and keyframe boxes', got: span ? 'no boxes' : 'no span' },
        0,
        { tiou: 0, spatial: 0 },
      )
    const d = spatiotemporalScore(response, { ...ref, span })
    const parts = { tiou: d.tiou, spatial: d.spatial }
    if (d.failure) return invalid(failureReason(d, response), 0, parts)
    if (d.score > 0) return scored(d.score, OK, parts)
    return scored(
      0,
      {
        code: 'wrong_answer',
        expected: showSpan(span),
        got: `${showSpan(d.predicted ?? [0, 0])}, ${d.frames} ground-truth frames inside`,
      },
      parts,
    )
  },
})
