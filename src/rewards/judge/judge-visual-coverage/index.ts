export type { JudgeVisualCoverageOptions } from './judge-visual-coverage.js'
export { judgeVisualCoverage, VISUAL_COVERAGE_PROMPT } from './judge-visual-coverage.js'
export { JudgeVisualCoverageParams, judgeVisualCoverageReward } from './reward.js'
