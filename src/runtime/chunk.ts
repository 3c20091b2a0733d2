/**
 * Scores one chunk of input: raw JSONL bytes or decoded rows in, JSONL text or results out, with summary stats
 * and the entries that were not ScoreItems (each with its line or row number). Runs the same in a worker and
 * in-process. Output entries stay aligned with input entries: a bad entry becomes a result with `valid: false`
 * and `error.code = "bad_item"`; blank lines are skipped and are not entries.
 */
import type { ScoreError, ScoreItem, ScoreResult } from '../core/index.js'
import { type CompiledSpec, rowResult, rowScorer, type ScoredRow, scopeReader, scoreBatch } from '../spec/index.js'
import { type ImagePolicy, imageIssues } from './image-policy.js'
import { toScoreItem } from './item.js'
import { jsonText } from './json-text.js'
import { plainItem } from './plain-item.js'
import { resultSerializer, rowSerializer } from './serialize.js'
import { addResult, addRow, createStats, type StatsState } from './stats.js'

export type ChunkInput =
  /** complete lines of a JSONL file; `tooLong` lines were cut out by the reader and stand as empty lines */
  | { kind: 'lines'; bytes: Uint8Array; tooLong: readonly { line: number; bytes: number }[] }
  /** decoded rows (parquet) or items (an API call), checked here like lines; `rows`: each one's row number */
  | { kind: 'items'; items: readonly unknown[]; rows?: readonly number[] }
  /**
   * JSON text of an array of items (an API call's items, as the server ships them to a worker: one string is
   * copied between threads far more cheaply than structured-cloning a thousand objects, and parses faster)
   */
  | { kind: 'json'; text: string }
  /**
   * UTF-8 JSON text of an array of items, sliced from a request body. With `plain`, nothing has checked it yet:
   * the chunk is refused (nothing scored, `refused` says why) unless it parses to `plain.count` items that a
   * request schema passes unchanged (`plainItem`) and every image path or URL passes `plain.images`, so that the
   * caller can answer the request's errors itself. Without `plain`, the caller parsed and checked the very same
   * bytes.
   */
  | { kind: 'json-bytes'; bytes: Uint8Array; plain?: { count: number; images: ImagePolicy } }

export interface ChunkJob {
  input: ChunkInput
  /** number (1-based) of the chunk's first line or row, for messages */
  firstLine: number
  /** position of the chunk's first entry in the whole input: the default id */
  firstIndex: number
  /** what an entry is called in messages */
  unit: 'line' | 'row' | 'item'
  /** `jsonl`: JSON lines of results; `json`: the results' JSON texts joined by commas; `results`: the objects */
  output: 'jsonl' | 'json' | 'results'
  /** entries (by position in the chunk) already known to fail, e.g. timed out in an earlier attempt */
  failed?: readonly (readonly [number, EntryFailure])[]
}

/** Why an entry could not be scored at all; `reason` is set for timeouts (`{code: 'timeout', ms}`). */
export interface EntryFailure {
  error: ScoreError
  reason?: ScoreResult['reason']
}

/** An entry that was not a ScoreItem. */
export interface EntryProblem {
  /** line or row number, 1-based */
  line: number
  unit: ChunkJob['unit']
  message: string
}

export interface ChunkOutput {
  /**
   * the results as text: JSONL (each line ends in "\n") for output `jsonl`, or comma-separated JSON (the inside of
   * a JSON array, no brackets) for output `json`; "" when `output` is `results`
   */
  jsonl: string
  results: ScoreResult[] | undefined
  stats: StatsState
  /** at most `MAX_PROBLEMS` per chunk; `problemCount` has them all */
  problems: EntryProblem[]
  problemCount: number
  /** why a `plain` chunk was refused; then nothing was scored */
  refused?: string
}

/** Problems listed per chunk; the rest are counted. */
export const MAX_PROBLEMS = 20

export interface ChunkHooks {
  /** called with the entry's position before it is scored (the worker's progress slot for the watchdog) */
  onEntry?: (position: number) => void
}

/** Blank: only spaces, tabs and CR. The JSONL reader uses the same rule on bytes, so positions agree. */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 13) return false
  }
  return true
}

type Entry = { item: ScoreItem; index: number; line: number } | { bad: string; id: string; line: number }

/** A `json-bytes` chunk as the items it holds, or why a `plain` one is refused; other chunks as they are. */
function decoded(job: ChunkJob): ChunkJob | { refused: string } {
  const input = job.input
  if (input.kind !== 'json-bytes') return job
  let items: unknown
  try {
    items = JSON.parse(jsonText(input.bytes))
  } catch (e) {
    if (!input.plain) throw e
    return { refused: `not valid JSON: ${(e as Error).message}` }
  }
  if (!Array.isArray(items)) throw new Error('a json-bytes chunk must be the JSON text of an array of items')
  if (input.plain) {
    if (items.length !== input.plain.count) return { refused: `${items.length} items, not ${input.plain.count}` }
    for (let k = 0; k < items.length; k++) {
      const item: unknown = items[k]
      if (!plainItem(item)) return { refused: `item ${k} is not one the request schema passes unchanged` }
      if (imageIssues([item as ScoreItem], input.plain.images).length > 0)
        return { refused: `item ${k} names an image the policy refuses` }
    }
  }
  return { ...job, input: { kind: 'items', items } }
}

function refusedOutput(spec: CompiledSpec, refused: string): ChunkOutput {
  return {
    jsonl: '',
    results: undefined,
    stats: createStats(spec.componentKeys),
    problems: [],
    problemCount: 0,
    refused,
  }
}

/** Decodes a chunk into entries, in order. */
function* entries(job: ChunkJob): Generator<Entry> {
  const { input, firstIndex } = job
  if (input.kind === 'json-bytes') throw new Error('decode a json-bytes chunk first')
  if (input.kind === 'items' || input.kind === 'json') {
    const items = input.kind === 'items' ? input.items : jsonItems(input.text)
    const rows = input.kind === 'items' ? input.rows : undefined
    for (let k = 0; k < items.length; k++) yield entry(items[k], firstIndex + k, rows?.[k] ?? job.firstLine + k)
    return
  }
  const tooLong = new Map(input.tooLong.map((t) => [t.line, t.bytes]))
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength)
  let start = 0
  let line = job.firstLine
  let index = firstIndex
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start)
    if (end === -1) end = bytes.length
    // decoded line by line, not the whole chunk at once: one non-ASCII character would make the chunk's text,
    // and so every line sliced from it, a two-byte string, which decodes and parses 3-4× slower
    let raw = bytes.toString('utf8', start, end)
    if (line === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1) // a byte-order mark opens some files
    start = end + 1
    const size = tooLong.get(line)
    if (size !== undefined) {
      yield { bad: `${job.unit} is ${size} bytes, over the limit for one entry`, id: String(index++), line: line++ }
      continue
    }
    if (isBlank(raw)) {
      line++
      continue
    }
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (e) {
      yield { bad: `not valid JSON: ${(e as Error).message}`, id: String(index++), line: line++ }
      continue
    }
    yield entry(value, index++, line++)
  }
}

/** The items of a `json` input: its author (the server) wrote the text with JSON.stringify, so it parses. */
function jsonItems(text: string): readonly unknown[] {
  const v: unknown = JSON.parse(text)
  if (!Array.isArray(v)) throw new Error('a json chunk must be the JSON text of an array of items')
  return v
}

function entry(value: unknown, index: number, line: number): Entry {
  const checked = toScoreItem(value)
  if ('item' in checked) return { item: checked.item, index, line }
  const own = (value as { id?: unknown } | null)?.id
  const id = typeof own === 'string' || typeof own === 'number' ? String(own) : String(index)
  return { bad: `not a ScoreItem: ${checked.problem}`, id, line }
}

function zeros(spec: CompiledSpec): Record<string, number> {
  const comps: Record<string, number> = {}
  for (const k of spec.componentKeys) comps[k] = 0
  return comps
}

/** The result of an entry that could not be scored at all (bad entry, timeout, crashed worker). */
export function failedResult(spec: CompiledSpec, id: string, { error, reason }: EntryFailure): ScoreResult {
  const result: ScoreResult = { id, score: spec.onError, components: zeros(spec), valid: false }
  if (reason) result.reason = reason
  result.error = error
  return result
}

/** What a thread builds once per spec to score chunks with it: a reused row, and serializers. */
interface SpecTools {
  scoreRow: ((item: ScoreItem) => ScoredRow) | undefined
  serialize: (r: ScoreResult) => string
  serializeRow: (id: string, row: ScoredRow) => string
  /** which components apply to an item (for the stats of results, which carry no scope); undefined: all do */
  scopeOf: ((item: ScoreItem) => Uint8Array) | undefined
}
const tools = new WeakMap<CompiledSpec, SpecTools>()
function toolsOf(spec: CompiledSpec): SpecTools {
  let t = tools.get(spec)
  if (!t) {
    t = {
      scoreRow: spec.async ? undefined : rowScorer(spec),
      serialize: resultSerializer(spec.componentKeys),
      serializeRow: rowSerializer(spec.componentKeys),
      scopeOf: scopeReader(spec),
    }
    tools.set(spec, t)
  }
  return t
}

class Collector {
  readonly out: ChunkOutput
  private readonly lines: string[] = []
  private readonly spec: CompiledSpec
  private readonly job: ChunkJob
  private readonly tools: SpecTools
  constructor(spec: CompiledSpec, job: ChunkJob) {
    this.spec = spec
    this.job = job
    this.tools = toolsOf(spec)
    this.out = {
      jsonl: '',
      results: job.output === 'results' ? [] : undefined,
      stats: createStats(spec.componentKeys),
      problems: [],
      problemCount: 0,
    }
  }
  /** a result; `item` (when it was one) says which of its components apply, for the stats */
  add(result: ScoreResult, bad = false, item?: ScoreItem): void {
    addResult(this.out.stats, result, bad, item && this.tools.scopeOf?.(item))
    if (this.out.results) this.out.results.push(result)
    else this.lines.push(this.tools.serialize(result))
  }
  /** a row from `rowScorer`: serialized and counted as it is, a result object made only when one is asked for */
  addRow(id: string, row: ScoredRow): void {
    addRow(this.out.stats, row)
    if (this.out.results) this.out.results.push(rowResult(this.spec, id, row))
    else this.lines.push(this.tools.serializeRow(id, row))
  }
  bad(e: { bad: string; id: string; line: number }): void {
    const message = `${this.job.unit} ${e.line}: ${e.bad}`
    this.add(failedResult(this.spec, e.id, { error: { code: 'bad_item', message } }), true)
    if (this.out.problemCount++ < MAX_PROBLEMS)
      this.out.problems.push({ line: e.line, unit: this.job.unit, message: e.bad })
  }
  finish(): ChunkOutput {
    if (this.lines.length > 0)
      this.out.jsonl = this.job.output === 'json' ? this.lines.join(',') : `${this.lines.join('\n')}\n`
    return this.out
  }
}

/** Scores a chunk with a synchronous spec, in order. */
export function scoreChunk(spec: CompiledSpec, chunk: ChunkJob, hooks: ChunkHooks = {}): ChunkOutput {
  const scoreRow = toolsOf(spec).scoreRow
  if (!scoreRow) throw new Error('scoreChunk needs a synchronous spec; use scoreChunkAsync')
  const job = decoded(chunk)
  if ('refused' in job) return refusedOutput(spec, job.refused)
  const c = new Collector(spec, job)
  const failed = new Map(job.failed)
  let position = 0
  for (const e of entries(job)) {
    const known = failed.get(position)
    hooks.onEntry?.(position++)
    if ('bad' in e) c.bad(e)
    else if (known) c.add(failedResult(spec, e.item.id ?? String(e.index), known), false, e.item)
    else c.addRow(e.item.id ?? String(e.index), scoreRow(e.item))
  }
  return c.finish()
}

export interface AsyncChunkOptions {
  /** items in flight at once; default 64 */
  concurrency?: number
  /** per-item deadline in ms */
  timeoutMs?: number
}

/** Scores a chunk with an asynchronous spec (judges): bounded concurrency, a deadline per item, in order. */
export async function scoreChunkAsync(
  spec: CompiledSpec,
  chunk: ChunkJob,
  { concurrency = 64, timeoutMs }: AsyncChunkOptions = {},
): Promise<ChunkOutput> {
  const job = decoded(chunk)
  if ('refused' in job) return refusedOutput(spec, job.refused)
  const all = [...entries(job)]
  const items: ScoreItem[] = []
  for (const e of all)
    if ('item' in e) items.push(e.item.id === undefined ? { ...e.item, id: String(e.index) } : e.item)
  const opts = timeoutMs === undefined ? { concurrency } : { concurrency, timeoutMs }
  const scoredItems = await scoreBatch(spec, items, opts)
  const c = new Collector(spec, job)
  let next = 0
  for (const e of all) {
    if ('bad' in e) c.bad(e)
    else c.add(scoredItems[next++] as ScoreResult, false, e.item)
  }
  return c.finish()
}
