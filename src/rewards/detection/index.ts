// COCO bbox evaluation, pycocotools-exact
export type { CocoDetection, CocoEvaluateOptions, CocoEvaluation, CocoGroundTruth } from './coco/index.js'
export { CocoInputError, cocoEvaluate } from './coco/index.js'
// Rewards (registered through detectionPack) and their pure cores
export {
  criteriaPhase,
  criteriaPrecision,
  criteriaRecall,
  detectionCriteriaReward,
  dualFormat,
  matchGious,
} from './detection-criteria/index.js'
export { detectionF1, detectionF1Reward } from './detection-f1/index.js'
export { detectionIouConfidenceReward, iouConfidence, visualRftJson } from './detection-iou-confidence/index.js'
export { detectionAp, detectionMapReward, lengthFactor, weightedSum } from './detection-map/index.js'
export { lisaBox, lisaGiouReward } from './lisa-giou/index.js'
export { detectionPack } from './pack.js'
export type { ParsedPredictions, PredObject } from './shared/answer.js'
export { parsePredictions, stripFence } from './shared/answer.js'
// Shared reading of references and answers
export type { DetectionReference, GtObject } from './shared/reference.js'
export { readDetectionReference } from './shared/reference.js'
