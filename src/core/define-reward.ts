import type { z } from 'zod'
import { RewardDefinitionError } from './errors.js'
import type { JudgeService } from './judge.js'
import type { RewardOutput } from './outcome.js'
import type { ScoreItem } from './types.js'

/** What a reward needs beyond the response text; shared code reads these fields, never reward ids. */
export interface RewardNeeds {
  /** a ground truth in `item.reference` */
  reference?: boolean
  /** image sizes (`images[0].width/height`) or pixels */
  image?: boolean
  /** a judge model endpoint (judge issue) */
  judge?: boolean
  /** the whole GRPO group at once (group win rates, length bonuses among peers) */
  group?: boolean
}

/**
 * Services the runtime hands to rewards that declare a need for them (a judge client, an embedder). Layers that
 * provide a service add its field here by declaration merging, so core stays free of their code.
 */
export interface RewardServices {
  /** a judge model endpoint, for rewards with `needs.judge` (src/judge builds one) */
  judge?: JudgeService
}

export interface RewardContext {
  services: RewardServices
  /** aborted when the item's deadline passes */
  signal?: AbortSignal
}

export interface RewardInput<P> {
  response: string
  /** `item.reference`, passed on for convenience */
  reference: unknown
  item: ScoreItem
  /** validated and defaulted by the definition's schema, once per spec */
  params: P
  context: RewardContext
}

export interface RewardDefinition<P = unknown> {
  /** kebab-case, stable forever: stored results refer to it */
  id: string
  /** bumped on every behaviour change */
  version: number
  /** one line on what it scores */
  summary: string
  /** the paper or code it follows (repo + file, or arXiv) */
  source: string
  params: z.ZodType<P>
  needs: RewardNeeds
  /** the scores it can give, [min, max] */
  range: readonly [number, number]
  /** true when `score` returns a promise (judges); specs with such rewards are scored asynchronously */
  async?: boolean
  /** names of the sub-scores it emits in `RewardOutput.components`, for these params */
  components?: (params: P) => readonly string[]
  score(input: RewardInput<P>): RewardOutput | Promise<RewardOutput>
  /**
   * For rewards that need the whole GRPO group (`needs.group`): scores the rollouts of one group together
   * (Pref-GRPO win rates, peer length bonuses). Returns one output per input, in order. `score` then covers an
   * item scored alone (usually an invalid output saying a group is needed).
   */
  scoreGroup?(inputs: readonly RewardInput<P>[]): RewardOutput[] | Promise<RewardOutput[]>
}

/** Any registered reward, whatever its params. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds rewards of every params type
export type AnyRewardDefinition = RewardDefinition<any>

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

/** Checks a definition once, at registration, and freezes it. */
export function defineReward<P>(def: RewardDefinition<P>): RewardDefinition<P> {
  if (!KEBAB.test(def.id)) throw new RewardDefinitionError(def.id, 'id must be kebab-case')
  if (!Number.isInteger(def.version) || def.version < 1)
    throw new RewardDefinitionError(def.id, `version must be a positive integer, got ${def.version}`)
  const [lo, hi] = def.range
  if (!(lo <= hi)) throw new RewardDefinitionError(def.id, `range [${lo}, ${hi}] is empty`)
  if (!def.source.trim()) throw new RewardDefinitionError(def.id, 'source must cite the paper or code it follows')
  if (Boolean(def.needs.group) !== (def.scoreGroup !== undefined))
    throw new RewardDefinitionError(def.id, 'needs.group and scoreGroup go together')
  return Object.freeze(def)
}
