export { type RepetitionPenaltyOptions, repetitionPenalty } from './repetition-penalty.js'
export { RepetitionPenaltyParams, repetitionPenaltyReward } from './reward.js'
