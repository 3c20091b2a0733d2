export { type LevenshteinRatioOptions, levenshteinRatio } from './levenshtein-ratio.js'
export { LevenshteinRatioParams, levenshteinRatioReward } from './reward.js'
