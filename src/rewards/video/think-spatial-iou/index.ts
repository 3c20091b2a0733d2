export { ThinkSpatialIouParams, thinkSpatialIouReward } from './reward.js'
export { SPATIAL_WINDOW_S, spatialScore } from './think-spatial-iou.js'
