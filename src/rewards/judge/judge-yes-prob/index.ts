export type { JudgeYesProbOptions } from './judge-yes-prob.js'
export { JUDGE_YES_PROB_PROMPT, judgeYesProb } from './judge-yes-prob.js'
export { JudgeYesProbParams, judgeYesProbReward } from './reward.js'
