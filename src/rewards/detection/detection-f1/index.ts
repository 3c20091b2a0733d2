export type { DetectionF1Detail, DetectionF1Options, LabelledBox } from './detection-f1.js'
export { detectionF1 } from './detection-f1.js'
export { DetectionF1Params, detectionF1Reward } from './reward.js'
