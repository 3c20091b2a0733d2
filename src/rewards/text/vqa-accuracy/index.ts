export { normalizeVqaAnswer } from './normalize.js'
export { VqaAccuracyParams, vqaAccuracyReward } from './reward.js'
export { type VqaAccuracyOptions, vqaAccuracy } from './vqa-accuracy.js'
