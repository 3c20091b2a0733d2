export { WerParams, werReward } from './reward.js'
export { wordErrorRate } from './wer.js'
