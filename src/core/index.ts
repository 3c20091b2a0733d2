export type {
  AnyRewardDefinition,
  RewardContext,
  RewardDefinition,
  RewardInput,
  RewardNeeds,
  RewardServices,
} from './define-reward.js'
export { defineReward } from './define-reward.js'
export type { ConfigIssue } from './errors.js'
export {
  ConfigError,
  DuplicateRewardError,
  formatPath,
  RewardDefinitionError,
  RewardEngineError,
  UnknownRewardError,
} from './errors.js'
export type { RewardOutput } from './outcome.js'
export { invalid, OK, scored } from './outcome.js'
export type { ReasonCode, RewardReason } from './reason.js'
export { describeValue, formatReason, quoteValue } from './reason.js'
export type { RewardMeta, RewardPack, RewardRegistry } from './registry.js'
export { createRegistry } from './registry.js'
export { runGroupReward, runReward } from './run-reward.js'
export type {
  BoxOrder,
  ChatContentPart,
  ChatMessage,
  CoordSpace,
  ImageRef,
  ScoreError,
  ScoreItem,
  ScoreResult,
} from './types.js'
export { BOX_ORDERS, COORD_SPACES } from './types.js'
