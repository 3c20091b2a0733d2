export { FORMAT_VARIANTS, type FormatOptions, type FormatVariant, formatThinkAnswer } from './format-think-answer.js'
export { FormatThinkAnswerParams, formatThinkAnswerReward } from './reward.js'
export { squeezeTagSpace } from './sequence.js'
