export { SpatiotemporalIouParams, spatiotemporalIouReward } from './reward.js'
export type { SpatiotemporalDetail } from './spatiotemporal-iou.js'
export { spatiotemporalScore } from './spatiotemporal-iou.js'
