import type { RewardPack } from '../../core/registry.js'
import { classificationReward } from './classification/index.js'
import { exactMatchReward } from './exact-match/index.js'
import { formatThinkAnswerReward } from './format-think-answer/index.js'
import { mcqReward } from './mcq/index.js'
import { numericReward } from './numeric/index.js'
import { yesNoReward } from './yes-no/index.js'

/** Answer and format rewards: R1-style layouts, multiple choice, yes/no, exact match, numeric, class labels. */
export const answerPack = {
  name: 'answer',
  rewards: [classificationReward, exactMatchReward, formatThinkAnswerReward, mcqReward, numericReward, yesNoReward],
} satisfies RewardPack
