export type { JudgeGroupWinrateOptions } from './judge-group-winrate.js'
export { judgeGroupWinrate } from './judge-group-winrate.js'
export { JudgeGroupWinrateParams, judgeGroupWinrateReward } from './reward.js'
export { pairsOf, winRates } from './win-rates.js'
