import type { BoxXYXY } from '../../geometry/box.js'
import { iou } from '../../geometry/iou.js'
import { extractTag } from '../../parsing/tags.js'
import { type ClaimGroup, parseClaims } from '../shared/claims.js'
import { type Span, temporalIou } from '../shared/span.js'
import type { VideoReference } from '../shared/video-reference.js'
import { taggedSpan } from '../temporal-iou/parse-span.js'

export interface SpatiotemporalDetail {
  /** `tiou × spatial` */
  score: number
  tiou: number
  /** mean box IoU over the ground-truth frames inside the predicted span */
  spatial: number
  /** ground-truth frames inside the predicted span */
  frames: number
  predicted?: Span
  failure?: 'no_span' | 'reversed_span' | 'no_boxes' | 'too_many_boxes'
}

/**
 * Spatio-temporal grounding (STVG-o1 style; the m_vIoU of VidSTG/HC-STVG): `tIoU × mean box IoU` over the
 * ground-truth frames inside the predicted span, which equals `Σ_{frames in both} IoU / |frames in either|` when
 * frames are evenly spaced. The answer (the first `<answer>` block, else the whole response) names the span as
 * `<t>start</t>s to <t>end</t>s` and boxes as claims `<box>[x1,y1,x2,y2]</box> at <t>seconds</t>s` (an
 * `<obj>name</obj>` before them is allowed); each ground-truth frame is compared with the box claimed nearest in
 * time (its first box). The target at a frame is the object named `reference.name`, else the frame's first object.
 * @see rewards.md §6e (APPROX: STVG-o1, "Thinking With Bounding Boxes", code unreleased); Zhang et al., VidSTG
 *   (arXiv:2001.06891) for m_vIoU
 * @example spatiotemporalScore('<answer><t>0</t>s to <t>4</t>s <box>[0,0,10,10]</box> at <t>1</t>s</answer>', ref).score
 */
export function spatiotemporalScore(response: string, ref: VideoReference & { span: Span }): SpatiotemporalDetail {
  const body = extractTag(response, 'answer', { lenient: false }) ?? response
  const span = taggedSpan(body)
  if (!span) return { score: 0, tiou: 0, spatial: 0, frames: 0, failure: 'no_span' }
  if (!(span[0] < span[1]))
    return { score: 0, tiou: 0, spatial: 0, frames: 0, predicted: span, failure: 'reversed_span' }
  const tiou = temporalIou(span, ref.span)
  const claims = parseClaims(body)
  if (!claims) return { score: 0, tiou, spatial: 0, frames: 0, predicted: span, failure: 'too_many_boxes' }
  if (claims.length === 0) return { score: 0, tiou, spatial: 0, frames: 0, predicted: span, failure: 'no_boxes' }
  claims.sort((a, b) => a.t - b.t)
  let sum = 0
  let frames = 0
  for (const f of ref.keyframes) {
    if (f.t < span[0] || f.t > span[1]) continue
    const target = ref.target === undefined ? f.objects[0] : f.objects.find((o) => o.name === ref.target)
    if (!target) continue
    frames++
    sum += iou(nearestBox(claims, f.t), target.box)
  }
  const spatial = frames === 0 ? 0 : sum / frames
  return { score: tiou * spatial, tiou, spatial, frames, predicted: span }
}

/** The first box of the claim nearest to `t` (ties: the earlier); claims sorted by time, non-empty. */
function nearestBox(claims: readonly ClaimGroup[], t: number): BoxXYXY {
  let lo = 0
  let hi = claims.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((claims[mid] as ClaimGroup).t < t) lo = mid + 1
    else hi = mid
  }
  const after = claims[lo]
  const before = claims[lo - 1]
  const pick = !after || (before && t - before.t <= after.t - t) ? before : after
  return (pick as ClaimGroup).boxes[0] as BoxXYXY
}
