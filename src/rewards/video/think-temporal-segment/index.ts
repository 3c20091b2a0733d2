export { ThinkTemporalSegmentParams, thinkTemporalSegmentReward } from './reward.js'
export { temporalSegmentScore } from './think-temporal-segment.js'
