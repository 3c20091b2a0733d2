// Client: the openai package with images, cache, concurrency, retries and a circuit breaker.
export type { BreakerOptions, BreakerState } from './breaker.js'
export { CircuitBreaker, CircuitOpenError } from './breaker.js'
export type { CachedReply, ReplyCache } from './cache.js'
export { cacheKey, memoryCache, sqliteCache } from './cache.js'
export type { JudgeCallEvent, JudgeClient, JudgeClientOptions, JudgeStats } from './client.js'
export { createJudgeClient, JudgeCallError } from './client.js'
// CLI flags shared by serve, score and judge-bench.
export type { JudgeFlagValues, JudgeFromFlagsOptions } from './flags.js'
export { JUDGE_FLAGS, JUDGE_USAGE, JudgeFlagError, judgeFromFlags } from './flags.js'
export type { ImageAccess, PreparedImage } from './images.js'
export { ImagePreparer, JudgeImageError } from './images.js'
export { registerJudgeMetrics } from './metrics.js'
export type { RetryOptions } from './retry.js'
