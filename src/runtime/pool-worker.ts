/** The scoring pool's worker: compiles each spec once, scores chunks, reports progress for the watchdog. */
import { workerData } from 'node:worker_threads'
import { ConfigError } from '../core/index.js'
import { type ChunkJob, type ChunkOutput, scoreChunk } from './chunk.js'
import { type PluginModule, SpecCache, type SpecSummary, summarize } from './registry.js'

/** One chunk for a worker; `slot` is its cell in the shared progress array. */
export interface PoolTask {
  specText: string
  source: string
  plugins: readonly PluginModule[]
  job: ChunkJob
  slot: number
}

const progress = new Int32Array((workerData as { progress: SharedArrayBuffer }).progress)
const specs = new SpecCache()

/** A warm-up: load the rewards and compile the spec before the first chunk arrives. */
export interface WarmTask {
  warm: true
  specText: string
  source: string
  plugins: readonly PluginModule[]
}

/** What a warm-up answers: the spec's summary, or its configuration errors as data (an Error loses its fields). */
export type WarmReply = { summary: SpecSummary } | { configError: { source: string; issues: ConfigError['issues'] } }

/** Scores one chunk; writes the position of the entry it is on to `progress[slot]`, and -1 when done. */
export async function scoreTask(task: PoolTask | WarmTask): Promise<ChunkOutput | WarmReply> {
  if ('warm' in task) {
    try {
      return { summary: summarize(await specs.get(task.specText, task.source, task.plugins)) }
    } catch (e) {
      if (e instanceof ConfigError) return { configError: { source: e.source, issues: e.issues } }
      throw e
    }
  }
  const spec = await specs.get(task.specText, task.source, task.plugins)
  const slot = task.slot
  try {
    return scoreChunk(spec, task.job, { onEntry: (k) => Atomics.store(progress, slot, k) })
  } finally {
    Atomics.store(progress, slot, -1)
  }
}
