/**
 * How the server scores a batch: one small interface, so the in-process scorer below and the runtime's worker
 * pool are interchangeable. Every batch has a deadline: items not scored by then come back with a `timeout`
 * error (never silently dropped, never presented as scored).
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { ScoreItem, ScoreResult } from '../core/index.js'
import type { ImagePolicy, JsonScores } from '../runtime/index.js'
import { type CompiledSpec, scoreBatch, scoreItem } from '../spec/index.js'

export interface ScoreOptions {
  /** epoch ms after which unscored items get a timeout error */
  deadline: number
  /** aborted when the client goes away: stop spending CPU on the batch */
  signal?: AbortSignal
  /** the UTF-8 JSON text of items[from, to) as an array, sliced from the request (see the pool's `itemsText`) */
  itemsText?: (from: number, to: number) => Uint8Array
  /** for `scoreText`: the policy image paths and URLs must pass */
  images?: ImagePolicy
}

/** A spec as scorers take it: compiled (in-process) and as text with its source name (for worker threads). */
export interface ScoringSpec {
  readonly compiled: CompiledSpec
  /** YAML or JSON text that compiles to `compiled` */
  readonly text: string
  readonly source: string
}

export interface BatchScorer {
  /** one result per item, in order */
  score(spec: ScoringSpec, items: readonly ScoreItem[], options: ScoreOptions): Promise<ScoreResult[]>
  /**
   * Optional, for synchronous specs: the results as JSON text (the inside of a JSON array) with their summary
   * stats, for routes that answer with the results as they are (`/v1/score`); no result objects are built.
   */
  scoreJson?(spec: ScoringSpec, items: readonly ScoreItem[], options: ScoreOptions): Promise<JsonScores>
  /**
   * Optional, for synchronous specs: `scoreJson` for `count` items this thread has not parsed, from slices of
   * their UTF-8 JSON text (the request body); the workers parse and check them. Undefined when they refuse them
   * (an item the request schema would not pass unchanged, an image `options.images` refuses, text that does not
   * parse): then the caller parses and validates the request itself.
   */
  scoreText?(
    spec: ScoringSpec,
    count: number,
    text: (from: number, to: number) => Uint8Array,
    options: ScoreOptions,
  ): Promise<JsonScores | undefined>
  /** workers busy and workers in all, for `/metrics` */
  utilization(): { busy: number; size: number }
  close(): Promise<void>
}

export interface InProcessScorerOptions {
  /** items scored between yields to the event loop; bounds how long one batch can hold others up */
  chunk?: number
  /** items in flight at once for asynchronous specs (judges) */
  concurrency?: number
  /** per-item deadline handed to asynchronous rewards, in ms */
  itemTimeoutMs?: number
}

/** The result of an item that ran out of time: `onError` score, every component 0, a timeout error. */
export function timeoutResult(spec: CompiledSpec, item: ScoreItem, index: number, ms: number): ScoreResult {
  const components: Record<string, number> = {}
  for (const k of spec.componentKeys) components[k] = 0
  return {
    id: item.id ?? String(index),
    score: spec.onError,
    components,
    valid: false,
    reason: { code: 'timeout', ms },
    error: { code: 'timeout', message: `not scored within the deadline of ${ms} ms` },
  }
}

/**
 * Scores on the event loop in chunks, yielding between them so that health checks, metrics and other batches
 * keep moving; checks the deadline and the client's signal between chunks. Synchronous rewards cannot be
 * pre-empted mid-item, so one item that loops forever is only bounded by a worker pool; rewards bound their own
 * work on input size (CONTRIBUTING), which keeps a chunk short.
 */
export function inProcessScorer({
  chunk = 256,
  concurrency = 64,
  itemTimeoutMs = 30_000,
}: InProcessScorerOptions = {}): BatchScorer {
  let busy = 0
  return {
    async score({ compiled: spec }, items, { deadline, signal }) {
      busy++
      try {
        if (spec.async) return await scoreBatch(spec, items, { concurrency, timeoutMs: itemTimeoutMs })
        const results: ScoreResult[] = new Array(items.length)
        const started = Date.now()
        for (let i = 0; i < items.length; ) {
          const end = Math.min(items.length, i + chunk)
          for (; i < end; i++) results[i] = scoreItem(spec, items[i] as ScoreItem, i) as ScoreResult
          if (i >= items.length) break
          await yieldToLoop()
          signal?.throwIfAborted()
          if (Date.now() > deadline) {
            for (; i < items.length; i++) results[i] = timeoutResult(spec, items[i] as ScoreItem, i, deadline - started)
          }
        }
        return results
      } finally {
        busy--
      }
    },
    utilization: () => ({ busy: Math.min(busy, 1), size: 1 }),
    close: async () => {},
  }
}
