/**
 * verl's `trainer.rollout_data_dir` dumps: one `<step>.jsonl` per step, written by `RayPPOTrainer._dump_generations`
 * with `input`, `output`, `gts`, `score`, `step` and every `reward_extra_info` key of the same length (`acc`,
 * `format`, `pred`, ...). The dump has no group id, so rollouts of one step are grouped by identical input.
 * @see verl `verl/trainer/ppo/ray_trainer.py` (_dump_generations)
 */
import { readdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { IngestRollout } from '../types.js'
import { type ImportBatch, jsonlBatches, loadImage, toNumber } from './common.js'

const KNOWN = new Set([
  'input',
  'output',
  'gts',
  'score',
  'step',
  'data_source',
  'images',
  'uid',
  'response_length',
  'truncated',
])

/** The dump's files in step order: a folder of `<step>.jsonl`, or one file. */
export async function verlFiles(path: string, isDir: boolean): Promise<string[]> {
  if (!isDir) return [path]
  const names = (await readdir(path)).filter((n) => /\.jsonl(\.gz)?$/.test(n))
  return names.sort((a, b) => (Number.parseInt(a, 10) || 0) - (Number.parseInt(b, 10) || 0)).map((n) => join(path, n))
}

/** One dump line as a rollout; extras that are numbers or booleans become components. */
export async function verlRollout(
  row: Record<string, unknown>,
  fallbackStep: number,
  baseDir: string,
): Promise<IngestRollout | string> {
  if (typeof row.output !== 'string') return 'no "output" string (the response)'
  const score = toNumber(row.score)
  if (score === undefined) return 'no numeric "score"'
  const components: Record<string, number> = {}
  const meta: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(row)) {
    if (KNOWN.has(k)) continue
    const n = toNumber(v)
    if (n !== undefined && typeof v !== 'string') components[k] = n
    else if (v !== null && v !== undefined) meta[k] = v
  }
  const r: IngestRollout = {
    step: toNumber(row.step) ?? fallbackStep,
    response: row.output,
    score,
    components,
    prompt: typeof row.input === 'string' ? row.input : JSON.stringify(row.input ?? ''),
    reference: row.gts,
  }
  if (typeof row.data_source === 'string') r.task = row.data_source
  if (typeof row.uid === 'string') r.group = row.uid
  const len = toNumber(row.response_length)
  if (len !== undefined) r.length = len
  if (typeof row.truncated === 'boolean') r.truncated = row.truncated
  if (Array.isArray(row.images)) {
    const ims = []
    for (const im of row.images.slice(0, 16)) {
      const loaded = await loadImage(im, baseDir)
      if (loaded) ims.push(loaded)
    }
    r.images = ims
  }
  if (Object.keys(meta).length) r.meta = meta
  return r
}

/** Reads a verl dump as batches of rollouts. */
export async function* readVerl(files: readonly string[], batchSize = 1000): AsyncGenerator<ImportBatch> {
  for (const file of files) {
    const fileStep = Number.parseInt(basename(file), 10)
    const step = Number.isFinite(fileStep) ? fileStep : 0
    yield* jsonlBatches(file, batchSize, (row) => verlRollout(row, step, dirname(file)))
  }
}
