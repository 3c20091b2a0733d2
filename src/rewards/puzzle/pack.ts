import type { RewardPack } from '../../core/index.js'
import { jigsawReward } from './jigsaw/index.js'

/** Puzzle rewards: Jigsaw-R1 grid answers. */
export const puzzlePack = {
  name: 'puzzle',
  rewards: [jigsawReward],
} satisfies RewardPack
