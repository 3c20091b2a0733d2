export { YesNoParams, yesNoReward } from './reward.js'
