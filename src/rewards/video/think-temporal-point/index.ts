export { ThinkTemporalPointParams, thinkTemporalPointReward } from './reward.js'
export { temporalPointScore, temporalSigma } from './think-temporal-point.js'
