// Sightline's pure entry (`sightline`): the data model, rewards and the spec language. No node:* imports, so it
// runs in browsers too. Node-only layers have their own entries: `sightline/runtime` (worker pool, file
// readers, streaming), `sightline/cli`, `sightline/server`.

// Data model: what is scored and what comes back (interfaces.md §1).
// Reward definitions: how a reward is declared and run, and its outputs and reasons.
// Registry: packs of rewards, ids and metadata derived from them.
// Errors: bad configuration throws these, with the path of what was wrong.
export type {
  AnyRewardDefinition,
  BoxOrder,
  ChatContentPart,
  ChatMessage,
  ConfigIssue,
  CoordSpace,
  ImageRef,
  ReasonCode,
  RewardContext,
  RewardDefinition,
  RewardInput,
  RewardMeta,
  RewardNeeds,
  RewardOutput,
  RewardPack,
  RewardReason,
  RewardRegistry,
  RewardServices,
  ScoreError,
  ScoreItem,
  ScoreResult,
} from './core/index.js'
export {
  BOX_ORDERS,
  COORD_SPACES,
  ConfigError,
  createRegistry,
  DuplicateRewardError,
  defineReward,
  describeValue,
  formatPath,
  formatReason,
  invalid,
  OK,
  RewardDefinitionError,
  RewardEngineError,
  runGroupReward,
  runReward,
  scored,
  UnknownRewardError,
} from './core/index.js'
export { builtinPacks, defaultRegistry } from './rewards/packs.js'
// Spec language: parse, compile and score a reward spec (interfaces.md §2).
export type {
  CompiledSpec,
  CompileOptions,
  GateSpec,
  ParsedSpec,
  RewardProvenance,
  RouteSpec,
  ScoreBatchOptions,
  SpecMeta,
  SpecNode,
} from './spec/index.js'
export { compileSpec, parseSpec, parseSpecText, scoreBatch, scoreItem, specJsonSchema } from './spec/index.js'
