export type { BoxIouOptions } from './box-iou.js'
export { boxIou } from './box-iou.js'
export { BoxIouParams, boxIouReward } from './reward.js'
