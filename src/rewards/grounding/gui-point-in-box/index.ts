export type { GuiPointInBoxOptions } from './gui-point-in-box.js'
export { guiPointInBox } from './gui-point-in-box.js'
export { GuiPointInBoxParams, guiPointInBoxReward } from './reward.js'
