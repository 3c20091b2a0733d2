export { TokenF1Params, tokenF1Reward } from './reward.js'
export { normalizeSquad, squadTokens, type TokenF1Detail, tokenF1, tokenF1Tokens } from './token-f1.js'
