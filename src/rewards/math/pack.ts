import type { RewardPack } from '../../core/registry.js'
import { mathEquivalentReward } from './math-equivalent/index.js'

/** Math answers: equivalence by Math-Verify's judgement. */
export const mathPack = { name: 'math', rewards: [mathEquivalentReward] } satisfies RewardPack
