export type { JudgeClaimsOptions } from './judge-claims.js'
export { CLAIMS_PROMPT, judgeClaims } from './judge-claims.js'
export { JudgeClaimsParams, judgeClaimsReward } from './reward.js'
export { aggregateSteps, splitSteps } from './steps.js'
