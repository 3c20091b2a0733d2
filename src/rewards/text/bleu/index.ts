export { BleuParams, bleuReward } from './reward.js'
