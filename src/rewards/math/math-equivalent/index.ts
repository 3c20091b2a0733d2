export { extractCandidates } from './extract.js'
export {
  type AnswerMode,
  candidatesEquivalent,
  MATH_DEFAULTS,
  mathEquivalent,
  type ParsedAnswer,
  parseAnswer,
  showValue,
  valuesEquivalent,
} from './math-equivalent.js'
export { normalizeLatex } from './normalize.js'
export { MathEquivalentParams, mathEquivalentReward } from './reward.js'
export {
  type ExtractTarget,
  MATH_LIMITS,
  type MathCandidate,
  type MathEquivalentOptions,
  type MathEquivalentReason,
  type MathEquivalentResult,
  type MathValue,
} from './types.js'
