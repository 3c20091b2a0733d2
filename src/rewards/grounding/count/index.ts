export type { CountOptions, CountParser } from './count.js'
export { COUNT_PARSERS, count } from './count.js'
export { CountParams, countReward } from './reward.js'
