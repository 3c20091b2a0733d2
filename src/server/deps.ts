import type { RewardRegistry } from '../core/index.js'
import type { JudgeService } from '../core/judge.js'
import type { ImagePolicy } from '../runtime/index.js'
import type { Admission } from './admission.js'
import type { RolloutLog } from './inspector.js'
import type { ServerMetrics } from './metrics.js'
import type { BatchScorer } from './scoring.js'
import type { SpecStore } from './spec-store.js'

/** What routes share: built once by `createApp`, never at request time. */
export interface ServerDeps {
  registry: RewardRegistry
  specs: SpecStore
  scorer: BatchScorer
  admission: Admission
  metrics: ServerMetrics
  images: ImagePolicy
  /** per-batch deadline, ms */
  timeoutMs: number
  embed: ((texts: string[]) => Promise<number[][]>) | undefined
  /** the judge for rewards with needs.judge and model graders (--judge-url) */
  judge: JudgeService | undefined
  /** true once shutdown began: /healthz says so and new work is refused */
  draining: () => boolean
  /** logs scored batches to a run of the rollout store (`--db`); undefined without a store */
  rolloutLog?: RolloutLog | undefined
  /** the run `/v1/score` logs to when a request names none */
  defaultRun?: string | undefined
}
