import type { RewardPack } from '../../core/registry.js'
import { anlsReward } from './anls/index.js'
import { bleuReward } from './bleu/index.js'
import { cerReward } from './cer/index.js'
import { cosineLengthReward } from './cosine-length/index.js'
import { levenshteinRatioReward } from './levenshtein-ratio/index.js'
import { overlongPenaltyReward } from './overlong-penalty/index.js'
import { repetitionPenaltyReward } from './repetition-penalty/index.js'
import { rougeReward } from './rouge/index.js'
import { satoriCaptionReward } from './satori-caption/index.js'
import { tokenF1Reward } from './token-f1/index.js'
import { vqaAccuracyReward } from './vqa-accuracy/index.js'
import { werReward } from './wer/index.js'

/** Text similarity (BLEU, ROUGE, ANLS, WER, VQA accuracy, ...) and length shaping (DAPO, cosine, repetition). */
export const textPack = {
  name: 'text',
  rewards: [
    anlsReward,
    bleuReward,
    cerReward,
    cosineLengthReward,
    levenshteinRatioReward,
    overlongPenaltyReward,
    repetitionPenaltyReward,
    rougeReward,
    satoriCaptionReward,
    tokenF1Reward,
    vqaAccuracyReward,
    werReward,
  ],
} satisfies RewardPack
