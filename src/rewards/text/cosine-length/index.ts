export { type CosineLengthOptions, cosineLength } from './cosine-length.js'
export { CosineLengthParams, cosineLengthReward } from './reward.js'
