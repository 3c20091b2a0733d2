export { type ClassificationMatch, type ClassificationOptions, classification } from './classification.js'
export { ClassificationParams, classificationReward } from './reward.js'
