import { createRegistry, type RewardPack, type RewardRegistry } from '../core/index.js'
import { answerPack } from './answer/pack.js'
import { detectionPack } from './detection/pack.js'
import { groundingPack } from './grounding/pack.js'
import { judgePack } from './judge/pack.js'
import { mathPack } from './math/pack.js'
import { puzzlePack } from './puzzle/pack.js'
import { textPack } from './text/pack.js'
import { videoPack } from './video/pack.js'

/** Every built-in pack. A new pack is added here once; every list of ids is derived from the registry. */
export const builtinPacks: readonly RewardPack[] = [
  videoPack,
  answerPack,
  mathPack,
  puzzlePack,
  textPack,
  detectionPack,
  groundingPack,
  judgePack,
]

let registry: RewardRegistry | undefined

/** The registry of all built-in rewards, built on first use (nothing happens on import). */
export function defaultRegistry(): RewardRegistry {
  registry ??= createRegistry(builtinPacks)
  return registry
}
