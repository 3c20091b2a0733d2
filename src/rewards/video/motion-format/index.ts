export type { MotionFormatDetail } from './motion-format.js'
export { motionFormatScore } from './motion-format.js'
export { MotionFormatParams, motionFormatReward } from './reward.js'
