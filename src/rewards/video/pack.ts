import type { RewardPack } from '../../core/index.js'
import { temporalIouReward } from './temporal-iou/index.js'

/** Video rewards: temporal grounding (TimeLens, Time-R1), spatio-temporal grounding and Motion-o's trajectory rewards. */
export const videoPack = {
  name: 'video',
  rewards: [temporalIouReward],
} satisfies RewardPack
