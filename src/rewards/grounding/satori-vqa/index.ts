export { SatoriVqaParams, satoriVqaReward } from './reward.js'
export { satoriVqa } from './satori-vqa.js'
