export type { JudgeScoreOptions } from './judge-score.js'
export { JUDGE_SCORE_PROMPT, judgeScore } from './judge-score.js'
export { JudgeScoreParams, judgeScoreReward } from './reward.js'
