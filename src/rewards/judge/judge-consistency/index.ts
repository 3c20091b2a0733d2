export type { JudgeConsistencyOptions } from './judge-consistency.js'
export { JUDGE_CONSISTENCY_PROMPT, judgeConsistency } from './judge-consistency.js'
export { JudgeConsistencyParams, judgeConsistencyReward } from './reward.js'
