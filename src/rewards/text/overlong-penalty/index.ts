export { type OverlongPenaltyOptions, overlongPenalty } from './overlong-penalty.js'
export { OverlongPenaltyParams, overlongPenaltyReward } from './reward.js'
