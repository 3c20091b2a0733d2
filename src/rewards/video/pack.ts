import type { RewardPack } from '../../core/index.js'
import { motionFormatReward } from './motion-format/index.js'
import { motionGroundingReward } from './motion-grounding/index.js'
import { spatiotemporalIouReward } from './spatiotemporal-iou/index.js'
import { temporalIouReward } from './temporal-iou/index.js'
import { thinkSpatialIouReward } from './think-spatial-iou/index.js'
import { thinkTemporalPointReward } from './think-temporal-point/index.js'
import { thinkTemporalSegmentReward } from './think-temporal-segment/index.js'
import { trajectoryReward } from './trajectory/index.js'

/**
 * Video rewards: temporal grounding (TimeLens, Time-R1), spatio-temporal grounding and Motion-o's rewards.
 * TimeLens trains on `temporal-iou` alone; Time-R1 adds the P2 format:
 * `sum: [{ reward: temporal-iou, params: { parser: time-r1, variant: iou-v2 } }, { reward: format-think-answer }]`.
 * Motion-o sums `trajectory`, `think-temporal-point`, `think-temporal-segment`, `think-spatial-iou`,
 * `temporal-iou` with `parser: motion-o` (its `ans_tiou`) and `motion-format`, routed by task.
 */
export const videoPack = {
  name: 'video',
  rewards: [
    temporalIouReward,
    spatiotemporalIouReward,
    trajectoryReward,
    thinkTemporalPointReward,
    thinkTemporalSegmentReward,
    thinkSpatialIouReward,
    motionFormatReward,
    motionGroundingReward,
  ],
} satisfies RewardPack
