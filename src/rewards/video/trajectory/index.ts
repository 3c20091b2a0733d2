export { TrajectoryParams, trajectoryReward } from './reward.js'
export type { TrajectoryDetail } from './trajectory.js'
export { MATCH_WINDOW_S, trajectoryScore } from './trajectory.js'
