import type { RewardPack } from '../../core/index.js'
import { boxIouReward } from './box-iou/index.js'
import { countReward } from './count/index.js'
import { guiGaussianReward } from './gui-gaussian/index.js'
import { guiPointInBoxReward } from './gui-point-in-box/index.js'
import { satoriBboxReward } from './satori-bbox/index.js'
import { satoriVqaReward } from './satori-vqa/index.js'

/** Grounding, GUI and counting rewards: REC box IoU, GUI hit tests and Gaussians, SATORI, counting. */
export const groundingPack = {
  name: 'grounding',
  rewards: [boxIouReward, guiPointInBoxReward, guiGaussianReward, satoriBboxReward, satoriVqaReward, countReward],
} satisfies RewardPack
