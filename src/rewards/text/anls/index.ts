export { type AnlsOptions, anls } from './anls.js'
export { AnlsParams, anlsReward } from './reward.js'
