export type { GuiGaussianOptions, GuiGaussianParts } from './gui-gaussian.js'
export { gaussianParts, guiGaussian } from './gui-gaussian.js'
export { GuiGaussianParams, guiGaussianReward } from './reward.js'
