// Pool: worker threads with a per-item deadline, for the CLI and the server.

// Chunks: the unit of scoring, the same in a worker and in-process.
export type { AsyncChunkOptions, ChunkInput, ChunkJob, ChunkOutput, EntryFailure, EntryProblem } from './chunk.js'
export { failedResult, MAX_PROBLEMS, scoreChunk, scoreChunkAsync } from './chunk.js'
// Inputs: ScoreItem checks, JSONL chunking, verl parquet.
export type { ImagePolicy } from './image-policy.js'
export { imageIssues, imagePolicy } from './image-policy.js'
export { toScoreItem } from './item.js'
export { jsonText } from './json-text.js'
export type { JsonlChunkOptions, LineChunk } from './jsonl.js'
export { jsonlChunks } from './jsonl.js'
export type { ParquetChunk, ParquetInput, ParquetOptions } from './parquet.js'
export { openParquet, RESPONSE_COLUMNS } from './parquet.js'
export { isObject, plainItem } from './plain-item.js'
export type { JsonScores, PoolScoreOptions, ScoringPool, ScoringPoolOptions } from './pool.js'
export { createScoringPool, DEFAULT_TIMEOUT_MS } from './pool.js'
// Registry: built-in rewards plus plugin packs; compiled-spec cache.
export type { PluginModule } from './registry.js'
export { loadRegistry, SpecCache } from './registry.js'
// Streaming: ordered, backpressured scoring of whole inputs.
export type { ScoreStreamOptions, ScoreStreamReport, SourceChunk } from './score-stream.js'
export { jsonlSource, parquetSource, scoreStream } from './score-stream.js'
export { resultSerializer } from './serialize.js'
// Stats: per-component summaries, mergeable across workers.
export type { ComponentSummary, RouteTally, StatsState } from './stats.js'
export { addResult, componentSummaries, createStats, mergeStats } from './stats.js'
