export type { DetectionApDetail, PixelPrediction, WeightedSumDetail } from './detection-map.js'
export { detectionAp, lengthFactor, weightedSum } from './detection-map.js'
export { DetectionMapParams, detectionMapReward } from './reward.js'
