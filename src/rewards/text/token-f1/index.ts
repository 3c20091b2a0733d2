export { TokenF1Params, tokenF1Reward } from './reward.js'
export { normalizeSquad, type TokenF1Detail, tokenF1 } from './token-f1.js'
