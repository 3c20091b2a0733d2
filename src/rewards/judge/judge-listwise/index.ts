export type { JudgeListwiseOptions } from './judge-listwise.js'
export { judgeListwise, LISTWISE_PROMPT } from './judge-listwise.js'
export { parseRanking, rankScores } from './ranking.js'
export { JudgeListwiseParams, judgeListwiseReward } from './reward.js'
