export type { ConfidentBox, IouConfidenceDetail } from './detection-iou-confidence.js'
export { iouConfidence, visualRftJson } from './detection-iou-confidence.js'
export { DetectionIouConfidenceParams, detectionIouConfidenceReward } from './reward.js'
