export { charErrorRate } from './cer.js'
export { CerParams, cerReward } from './reward.js'
