export type { JudgeLabelOptions } from './judge-label.js'
export { JUDGE_LABEL_PROMPT, judgeLabel } from './judge-label.js'
export { JudgeLabelParams, judgeLabelReward } from './reward.js'
