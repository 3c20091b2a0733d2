export type { ClassedBox, CriteriaPhase } from './detection-criteria.js'
export {
  criteriaPhase,
  criteriaPrecision,
  criteriaRecall,
  dualFormat,
  matchGious,
  shape,
} from './detection-criteria.js'
export { DetectionCriteriaParams, detectionCriteriaReward } from './reward.js'
