export { SatoriCaptionParams, satoriCaptionReward } from './reward.js'
export { type SatoriCaptionDetail, satoriCaption } from './satori-caption.js'
