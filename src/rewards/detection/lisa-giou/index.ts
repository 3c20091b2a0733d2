export { lisaBox } from './lisa-giou.js'
export { LisaGiouParams, lisaGiouReward } from './reward.js'
