/**
 * The streaming scorer: chunks in (JSONL byte chunks or parquet row slices), results out in input order, with a
 * bounded number of chunks in flight (backpressure: reading waits for scoring, scoring waits for the writer), so
 * memory stays constant whatever the input size. Summary stats are merged as chunks complete.
 */
import type { ChunkJob, ChunkOutput, EntryProblem } from './chunk.js'
import { type JsonlChunkOptions, jsonlChunks } from './jsonl.js'
import type { ParquetInput } from './parquet.js'
import type { ScoringPool } from './pool.js'
import { createStats, mergeStats, type StatsState } from './stats.js'

/** A chunk to score and how far into the input it reaches (bytes or rows), for progress. */
export interface SourceChunk {
  job: ChunkJob
  done: number
}

export interface ScoreStreamOptions {
  pool: ScoringPool
  specText: string
  /** names the spec in errors */
  source: string
  componentKeys: readonly string[]
  /** per-item deadline in ms */
  timeoutMs?: number
  /** chunks in flight; default twice the workers, at least 2 */
  inFlight?: number
  /** receives the JSONL of each chunk, in order; may return a promise (a stream's drain) */
  write(text: string): unknown
  /** after each chunk is written: entries so far and how far into the input */
  onProgress?(entries: number, done: number): void
  /** each entry that was not a ScoreItem (at most `MAX_PROBLEMS` per chunk are listed) */
  onProblem?(problem: EntryProblem): void
}

export interface ScoreStreamReport {
  stats: StatsState
  /** entries that were not ScoreItems, all counted */
  problemCount: number
  seconds: number
}

export async function scoreStream(
  chunks: AsyncIterable<SourceChunk>,
  options: ScoreStreamOptions,
): Promise<ScoreStreamReport> {
  const { pool, specText, source, timeoutMs } = options
  const inFlight = Math.max(2, options.inFlight ?? pool.workers * 2)
  const stats = createStats(options.componentKeys)
  const pending: { out: Promise<ChunkOutput>; done: number }[] = []
  const started = performance.now()
  let problemCount = 0

  const settleFirst = async () => {
    const head = pending.shift()
    if (!head) return
    const out = await head.out
    await options.write(out.jsonl)
    mergeStats(stats, out.stats)
    problemCount += out.problemCount
    for (const p of out.problems) options.onProblem?.(p)
    options.onProgress?.(stats.items, head.done)
  }

  try {
    for await (const { job, done } of chunks) {
      const out = pool.run(
        specText,
        { ...job, output: 'jsonl' },
        timeoutMs === undefined ? { source } : { source, timeoutMs },
      )
      out.catch(() => {}) // awaited in order by settleFirst; this only keeps a later rejection from going unhandled
      pending.push({ out, done })
      if (pending.length >= inFlight) await settleFirst()
    }
    while (pending.length > 0) await settleFirst()
  } finally {
    pending.length = 0
  }
  return { stats, problemCount, seconds: (performance.now() - started) / 1000 }
}

/** JSONL bytes (a file or stdin stream) as chunks to score. */
export async function* jsonlSource(
  input: AsyncIterable<Uint8Array | string>,
  options: JsonlChunkOptions = {},
): AsyncGenerator<SourceChunk> {
  for await (const c of jsonlChunks(input, options)) {
    yield {
      job: { input: c.input, firstLine: c.firstLine, firstIndex: c.firstIndex, unit: 'line', output: 'jsonl' },
      done: c.offset,
    }
  }
}

/** A verl parquet file as chunks to score. */
export async function* parquetSource(input: ParquetInput): AsyncGenerator<SourceChunk> {
  let index = 0
  for await (const c of input.chunks()) {
    yield {
      job: {
        input: { kind: 'items', items: c.items, rows: c.rows },
        firstLine: c.rows[0] ?? 1,
        firstIndex: index,
        unit: 'row',
        output: 'jsonl',
      },
      done: c.rowsRead,
    }
    index += c.items.length
  }
}
