import type { RewardPack } from '../../core/index.js'
import { jigsawReward } from './jigsaw/index.js'

/**
 * Puzzle rewards: Jigsaw-R1 grid answers. Jigsaw-R1's `R = 1.0·acc + 0.5·fmt`, its format being P2 and a full grid:
 * ```yaml
 * sum:
 *   - reward: jigsaw                        # or params: { measure: connections }
 *   - min: [{ reward: format-think-answer }, { reward: jigsaw, params: { measure: complete }, name: jigsaw-complete }]
 *     name: format
 *     weight: 0.5
 * ```
 */
export const puzzlePack = {
  name: 'puzzle',
  rewards: [jigsawReward],
} satisfies RewardPack
