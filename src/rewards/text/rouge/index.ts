export { RougeParams, rougeReward } from './reward.js'
