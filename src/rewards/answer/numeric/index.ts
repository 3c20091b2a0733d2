export { type NumericDetail, type NumericOptions, numeric } from './numeric.js'
export { NumericParams, numericReward } from './reward.js'
