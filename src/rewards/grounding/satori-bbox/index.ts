export { parsePyBoxList } from './py-box-list.js'
export { SatoriBboxParams, satoriBboxReward } from './reward.js'
export { satoriBbox } from './satori-bbox.js'
