export type { JudgePairwiseOptions } from './judge-pairwise.js'
export { judgePairwise } from './judge-pairwise.js'
export { JudgePairwiseParams, judgePairwiseReward } from './reward.js'
