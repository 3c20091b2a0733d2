export { exactMatch, type NormalizeOptions, normalizeAnswer } from './exact-match.js'
export { ExactMatchParams, exactMatchReward } from './reward.js'
