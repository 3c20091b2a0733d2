import type { RewardPack } from '../../core/index.js'
import { judgeClaimsReward } from './judge-claims/index.js'
import { judgeConsistencyReward } from './judge-consistency/index.js'
import { judgeGroupWinrateReward } from './judge-group-winrate/index.js'
import { judgeLabelReward } from './judge-label/index.js'
import { judgeListwiseReward } from './judge-listwise/index.js'
import { judgePairwiseReward } from './judge-pairwise/index.js'
import { judgeScoreReward } from './judge-score/index.js'
import { judgeVisualCoverageReward } from './judge-visual-coverage/index.js'
import { judgeYesProbReward } from './judge-yes-prob/index.js'

/** Rewards scored by a judge model (`needs.judge`): rubric, label, yes-probability, pairwise, group and process. */
export const judgePack = {
  name: 'judge',
  rewards: [
    judgeScoreReward,
    judgeLabelReward,
    judgeYesProbReward,
    judgePairwiseReward,
    judgeGroupWinrateReward,
    judgeListwiseReward,
    judgeClaimsReward,
    judgeVisualCoverageReward,
    judgeConsistencyReward,
  ],
} satisfies RewardPack
