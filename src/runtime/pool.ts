/**
 * The scoring pool: worker threads sized to the cores, each compiling a spec once, scoring chunks of items in
 * input order. A watchdog enforces a per-item deadline on synchronous rewards, which no promise can interrupt:
 * every running chunk owns a cell of a SharedArrayBuffer where its worker writes the position of the entry it is
 * on; an entry still current after `timeoutMs` gets its worker terminated, is recorded as `error: timeout`, and
 * the chunk runs again on a fresh worker with that entry marked. Asynchronous specs (judges) are scored
 * in-process with bounded concurrency instead: their deadlines are timers.
 *
 * Built on piscina (thread management, queueing; aborting a running task terminates its worker, which the
 * deadline tests check). Not on deadline/TerminablePool: its deadline is per task, and a task per item would
 * cost a message round trip per item, while a deadline per chunk would lose a whole chunk to one stuck item.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import { ConfigError } from '../core/errors.js'
import type { ScoreResult } from '../core/index.js'
import type { ChunkInput, ChunkJob, ChunkOutput, EntryFailure } from './chunk.js'
import { type ImagePolicy, imagePolicy } from './image-policy.js'
import type { PoolTask, WarmReply, WarmTask } from './pool-worker.js'
import type { PluginModule, SpecSummary } from './registry.js'
import { createStats, mergeStats, type StatsState } from './stats.js'
import { workerExecArgv } from './worker-argv.js'

export interface ScoringPoolOptions {
  /** worker threads; default: the machine's available parallelism. 0 scores in-process (no deadline on sync rewards) */
  workers?: number
  /** modules exporting `packs`, loaded beside the built-in rewards in every thread */
  plugins?: readonly PluginModule[]
  /**
   * most items per task in `score` and `scoreJson`; default 1024. A call's items are spread evenly over the
   * workers (at least 32 to a task), so one batch uses every worker and a queue of batches costs few hand-offs
   */
  chunkSize?: number
}

export interface PoolScoreOptions {
  /** per-item deadline in ms; default 5000 */
  timeoutMs?: number
  /** names the spec in errors (a file path); default "inline spec" */
  source?: string
  /** position of items[0] in a larger input, for default ids; default 0 */
  offset?: number
  /**
   * The UTF-8 JSON text of `items[from, to)` as an array, for `scoreJson` and `score` with workers: a caller that
   * holds the items' text (the server, its request body) hands out slices of it instead of having the items
   * stringified again. Each must parse to exactly those items, and be a copy (a view would carry its whole buffer
   * across to the worker).
   */
  itemsText?: (from: number, to: number) => Uint8Array
  /** for `scoreText`: the policy every image path or URL must pass; default: none passes */
  images?: ImagePolicy
}

export interface ScoringPool {
  /** worker threads (0: in-process) */
  readonly workers: number
  /**
   * Scores items with a spec (YAML or JSON text) and resolves with one result per item, in order. A bad spec
   * rejects with a ConfigError; a bad item becomes a result with `error.code = "bad_item"`. Items may be
   * normalised in place (null fields dropped, numeric ids made strings). Items are JSON data: with workers they
   * cross as JSON text, so a value JSON cannot hold (NaN, undefined, a Date) arrives as JSON would write it.
   */
  score(specText: string, items: readonly unknown[], options?: PoolScoreOptions): Promise<ScoreResult[]>
  /**
   * Like `score`, but the results come back as JSON text, the inside of a JSON array (`[${json}]` parses to what
   * `score` resolves with), with their summary stats: the server answers with the text as is. Items cross to the
   * workers as JSON text too, which costs the caller one `JSON.stringify` instead of a structured clone per item.
   */
  scoreJson(specText: string, items: readonly unknown[], options?: PoolScoreOptions): Promise<JsonScores>
  /**
   * Like `scoreJson`, for `count` items this thread has not parsed: `text` gives the UTF-8 JSON text of
   * `items[from, to)` (a copy; see `itemsText`), and the workers parse it. They refuse the call unless every item
   * is one a request schema passes unchanged and every image path or URL passes `options.images` (ChunkInput
   * `json-bytes`): then it resolves undefined, and none of its results is given.
   */
  scoreText(
    specText: string,
    count: number,
    text: (from: number, to: number) => Uint8Array,
    options?: PoolScoreOptions,
  ): Promise<JsonScores | undefined>
  /**
   * Parses and compiles a spec against this pool's registry (cached) and says what it scores; throws a ConfigError
   * naming `source`. With workers, they compile it (loading the rewards) and this thread does not: on a 2-core
   * machine a third copy of every reward module would only slow the workers' start.
   */
  compile(specText: string, source?: string): Promise<SpecSummary>
  /** Scores one chunk (the file pipeline's unit); same rules as `score`. */
  run(specText: string, job: ChunkJob, options?: PoolScoreOptions): Promise<ChunkOutput>
  /** Stops the workers; pending calls reject. */
  close(): Promise<void>
}

/** Results as JSON text (comma-separated, no brackets) and their stats. */
export interface JsonScores {
  json: string
  stats: StatsState
}

export const DEFAULT_TIMEOUT_MS = 5000
const TICK_MS = 20
/** the image policy of `scoreText` without one: no path, no URL but `data:` */
const NO_IMAGES = imagePolicy()
/** fewest items a call's task is cut to when it is spread over the workers */
const MIN_SPREAD = 32
/** times a chunk may run again after a crash before the pool gives up on it */
const MAX_CRASHES = 3

interface Running {
  controller: AbortController
  timeoutMs: number
  seen: number
  since: number
  stuck: number | undefined
}

function workerEntry(): { filename: string; execArgv: string[] } {
  const here = import.meta.url
  // from sources (vitest, tsx) a boot module registers the TypeScript loader in the worker first
  if (here.endsWith('.ts')) return { filename: fileURLToPath(new URL('./pool-worker-dev.mjs', here)), execArgv: [] }
  // built: the worker bundled into one file (scripts/bundle-worker.mjs) starts in half the CPU time
  const bundled = fileURLToPath(new URL('../bundle/pool-worker.js', here))
  const filename = existsSync(bundled) ? bundled : fileURLToPath(new URL('./pool-worker.js', here))
  return { filename, execArgv: workerExecArgv() }
}

/**
 * What scoring in this thread takes (the rewards, the spec compiler, zod, yaml), loaded the first time this thread
 * scores or compiles: in-process pools and asynchronous (judge) specs. With workers and a synchronous spec this
 * thread never does, and `sightline score` reaches its workers' start ≈0.1 s sooner without them.
 */
async function inThisThread() {
  const [{ scoreChunk, scoreChunkAsync }, { SpecCache, summarize }] = await Promise.all([
    import('./chunk.js'),
    import('./registry.js'),
  ])
  return { scoreChunk, scoreChunkAsync, specs: new SpecCache(), summarize }
}

/** Creates a pool; workers start lazily, on the first chunk that needs them. */
export function createScoringPool({ workers, plugins = [], chunkSize = 1024 }: ScoringPoolOptions = {}): ScoringPool {
  const threads = Math.max(0, Math.floor(workers ?? availableParallelism()))
  let local: ReturnType<typeof inThisThread> | undefined
  const here = () => {
    local ??= inThisThread()
    return local
  }
  const slots = Math.max(64, threads * 16)
  const progress = new Int32Array(new SharedArrayBuffer(4 * slots)).fill(-1)
  const free = Array.from({ length: slots }, (_, i) => slots - 1 - i)
  const waiting: (() => void)[] = []
  const running = new Map<number, Running>()
  let piscina: Piscina | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  let closed = false
  const summaries = new Map<string, Promise<SpecSummary>>()

  const start = () => {
    if (piscina) return piscina
    const { filename, execArgv } = workerEntry()
    piscina = new Piscina({
      filename,
      name: 'scoreTask',
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      execArgv,
      workerData: { progress: progress.buffer },
    })
    return piscina
  }

  const tick = () => {
    const now = performance.now()
    for (const [slot, r] of running) {
      const k = Atomics.load(progress, slot)
      if (k < 0 || k !== r.seen) {
        r.seen = k
        r.since = now
      } else if (now - r.since > r.timeoutMs && r.stuck === undefined) {
        r.stuck = k
        r.controller.abort()
      }
    }
  }

  const acquire = async (): Promise<number> => {
    for (;;) {
      const slot = free.pop()
      if (slot !== undefined) return slot
      await new Promise<void>((resolve) => waiting.push(resolve))
    }
  }
  const release = (slot: number) => {
    free.push(slot)
    waiting.shift()?.()
  }

  /** Runs a chunk on a worker until it completes, marking entries that time out or crash their worker. */
  const runOnWorker = async (task: Omit<PoolTask, 'slot'>, timeoutMs: number): Promise<ChunkOutput> => {
    const failed: (readonly [number, EntryFailure])[] = [...(task.job.failed ?? [])]
    let crashes = 0
    for (;;) {
      if (closed) throw new Error('the scoring pool is closed')
      const slot = await acquire()
      Atomics.store(progress, slot, -1)
      const r: Running = { controller: new AbortController(), timeoutMs, seen: -1, since: 0, stuck: undefined }
      running.set(slot, r)
      timer ??= setInterval(tick, TICK_MS).unref()
      try {
        const job = failed.length > 0 ? { ...task.job, failed } : task.job
        return (await start().run({ ...task, job, slot }, { signal: r.controller.signal })) as ChunkOutput
      } catch (e) {
        if (closed) throw e
        if (r.stuck !== undefined) {
          const message = `item timed out after ${timeoutMs} ms; its worker was stopped`
          failed.push([r.stuck, { error: { code: 'timeout', message }, reason: { code: 'timeout', ms: timeoutMs } }])
          continue
        }
        const at = Atomics.load(progress, slot)
        if (at < 0 || ++crashes > MAX_CRASHES) throw e
        failed.push([at, { error: { code: 'worker_error', message: `the worker failed: ${(e as Error).message}` } }])
      } finally {
        running.delete(slot)
        if (running.size === 0 && timer) {
          clearInterval(timer)
          timer = undefined
        }
        release(slot)
      }
    }
  }

  /** The spec's summary, from the workers (which compile it as they warm up) or, without workers, from here. */
  const summaryOf = (specText: string, source: string): Promise<SpecSummary> => {
    const key = `${source}\0${specText}`
    let found = summaries.get(key)
    if (!found) {
      found =
        threads === 0 || closed
          ? here().then((l) => l.specs.get(specText, source, plugins).then(l.summarize))
          : warm(specText, source)
      if (summaries.size >= 32) summaries.delete(summaries.keys().next().value as string)
      summaries.set(key, found)
      found.catch(() => summaries.delete(key))
    }
    return found
  }

  /** Starts every worker on the spec (rewards loaded, spec compiled); resolves with the first one's summary. */
  const warm = async (specText: string, source: string): Promise<SpecSummary> => {
    const task: WarmTask = { warm: true, specText, source, plugins }
    const replies = Array.from({ length: threads }, () => start().run(task) as Promise<WarmReply>)
    for (const r of replies.slice(1)) r.catch(() => {}) // the first reply speaks for all
    const reply = await (replies[0] as Promise<WarmReply>)
    if ('configError' in reply) throw new ConfigError(reply.configError.source, reply.configError.issues)
    return reply.summary
  }

  const run = async (specText: string, job: ChunkJob, options: PoolScoreOptions = {}): Promise<ChunkOutput> => {
    const source = options.source ?? 'inline spec'
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const summary = await summaryOf(specText, source) // bad specs fail here, before any item is scored
    if (summary.async || threads === 0) {
      const l = await here()
      const spec = await l.specs.get(specText, source, plugins)
      return summary.async ? l.scoreChunkAsync(spec, job, { timeoutMs }) : l.scoreChunk(spec, job)
    }
    return runOnWorker({ specText, source, plugins, job }, timeoutMs)
  }

  /** Items per task: a call's items spread evenly over the workers, at most `chunkSize` to a task. */
  const taskSize = (count: number) =>
    threads === 0 ? chunkSize : Math.min(chunkSize, Math.max(MIN_SPREAD, Math.ceil(count / threads)))

  /** Cuts `count` items into chunk jobs of `taskSize`; `input` gives the chunk of items [from, to). */
  const jobsOf = (
    count: number,
    output: ChunkJob['output'],
    offset: number,
    input: (from: number, to: number) => ChunkInput,
  ): ChunkJob[] => {
    const size = taskSize(count)
    const jobs: ChunkJob[] = []
    for (let i = 0; i < count; i += size)
      jobs.push({
        input: input(i, Math.min(count, i + size)),
        firstLine: i + 1,
        firstIndex: offset + i,
        unit: 'item',
        output,
      })
    return jobs
  }

  /** Cuts items into chunk jobs; to a worker they travel as JSON text (see `scoreJson`). */
  const split = (items: readonly unknown[], output: 'json' | 'results', options: PoolScoreOptions): ChunkJob[] =>
    jobsOf(items.length, output, options.offset ?? 0, (from, to): ChunkInput => {
      if (threads === 0) return { kind: 'items', items: items.slice(from, to) }
      if (options.itemsText) return { kind: 'json-bytes', bytes: options.itemsText(from, to) }
      return { kind: 'json', text: JSON.stringify(items.slice(from, to)) }
    })

  /** The chunks' JSON texts and stats as one answer, which must hold a result for each of `count` items. */
  const joined = async (specText: string, outs: readonly ChunkOutput[], count: number, options: PoolScoreOptions) => {
    const spec = await summaryOf(specText, options.source ?? 'inline spec')
    const stats = createStats(spec.componentKeys)
    const texts: string[] = []
    for (const o of outs) {
      mergeStats(stats, o.stats)
      if (o.jsonl !== '') texts.push(o.jsonl)
    }
    // one result per item, or no answer: a caller's text that does not match its items must not pass
    if (stats.items !== count)
      throw new Error(`scored ${stats.items} entries for ${count} items; the items' JSON text does not match them`)
    return { json: texts.join(','), stats }
  }

  return {
    workers: threads,
    run,
    compile(specText, source = 'inline spec') {
      return summaryOf(specText, source)
    },
    async score(specText, items, options = {}) {
      const outs = await Promise.all(split(items, 'results', options).map((job) => run(specText, job, options)))
      return outs.flatMap((o) => o.results ?? [])
    },
    async scoreJson(specText, items, options = {}) {
      const outs = await Promise.all(split(items, 'json', options).map((job) => run(specText, job, options)))
      return joined(specText, outs, items.length, options)
    },
    async scoreText(specText, count, text, options = {}) {
      const images = options.images ?? NO_IMAGES
      const jobs = jobsOf(count, 'json', options.offset ?? 0, (from, to) => ({
        kind: 'json-bytes',
        bytes: text(from, to),
        plain: { count: to - from, images },
      }))
      const outs = await Promise.all(jobs.map((job) => run(specText, job, options)))
      if (outs.some((o) => o.refused !== undefined)) return undefined
      return joined(specText, outs, count, options)
    },
    async close() {
      closed = true
      if (timer) clearInterval(timer)
      timer = undefined
      for (const w of waiting.splice(0)) w()
      await piscina?.destroy()
      piscina = undefined
    },
  }
}
