export { motionGroundingScore } from './motion-grounding.js'
export { MotionGroundingParams, motionGroundingReward } from './reward.js'
