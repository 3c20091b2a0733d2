/**
 * TRL completion logs as Parquet: the table `GRPOTrainer` logs with `log_completions=True` (`step`, `prompt`,
 * `completion`, one column per reward function, `advantage`, and `image`/`images` for VLM runs), one file or a
 * folder of them. Each reward column becomes a component; the score is the `reward` column when present, else
 * the sum of the reward columns (TRL's default `reward_weights` are 1). Rollouts of one step are grouped by
 * identical prompt, as TRL repeats each prompt `num_generations` times.
 * @see TRL `trl/trainer/grpo_trainer.py` (log_completions, _logs)
 */
import { readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import type { ChatMessage } from '../../core/index.js'
import type { IngestRollout } from '../types.js'
import { type ImportBatch, loadImage, toNumber } from './common.js'

const NOT_REWARDS = new Set([
  'step',
  'advantage',
  'advantages',
  'prompt',
  'completion',
  'image',
  'images',
  'reward',
  'completion_length',
  'num_tokens',
])

export async function trlFiles(path: string, isDir: boolean): Promise<string[]> {
  if (!isDir) return [path]
  return (await readdir(path))
    .filter((n) => n.endsWith('.parquet'))
    .sort()
    .map((n) => join(path, n))
}

/** Text of a TRL prompt or completion: a string, or a conversational list of messages. */
function text(v: unknown): string {
  if (typeof v === 'string') return v
  if (Array.isArray(v))
    return v
      .map((m) => {
        const c = (m as { content?: unknown }).content
        if (typeof c === 'string') return c
        if (Array.isArray(c)) return c.map((p) => (p as { text?: unknown }).text ?? '').join('')
        return ''
      })
      .join('\n')
  return v === null || v === undefined ? '' : JSON.stringify(v)
}

export async function trlRollout(
  row: Record<string, unknown>,
  columns: readonly string[],
  baseDir: string,
): Promise<IngestRollout | string> {
  if (row.completion === undefined) return 'no "completion" column'
  const components: Record<string, number> = {}
  let sum = 0
  for (const c of columns) {
    if (NOT_REWARDS.has(c)) continue
    const n = toNumber(row[c])
    if (n === undefined) continue
    components[c] = n
    sum += n
  }
  const r: IngestRollout = {
    step: toNumber(row.step) ?? 0,
    response: text(row.completion),
    score: toNumber(row.reward) ?? sum,
    components,
    prompt: Array.isArray(row.prompt) ? (row.prompt as ChatMessage[]) : text(row.prompt),
  }
  const adv = toNumber(row.advantage ?? row.advantages)
  if (adv !== undefined) r.advantage = adv
  const len = toNumber(row.completion_length ?? row.num_tokens)
  if (len !== undefined) r.length = len
  const ims = row.images ?? row.image
  if (ims !== undefined && ims !== null) {
    const list = Array.isArray(ims) ? ims : [ims]
    const out = []
    for (const im of list.slice(0, 16)) {
      const loaded = await loadImage(im, baseDir)
      if (loaded) out.push(loaded)
    }
    r.images = out
  }
  return r
}

export async function* readTrl(files: readonly string[], batchSize = 1000): AsyncGenerator<ImportBatch> {
  for (const file of files) {
    const buf = await asyncBufferFromFile(file)
    const metadata = await parquetMetadataAsync(buf)
    const columns = parquetSchema(metadata).children.map((c) => c.element.name)
    const total = Number(metadata.num_rows)
    for (let start = 0; start < total; start += batchSize) {
      const rows = await parquetReadObjects({
        file: buf,
        metadata,
        rowStart: start,
        rowEnd: Math.min(total, start + batchSize),
        compressors,
        utf8: false,
      })
      const batch: ImportBatch = { rollouts: [], problems: [] }
      for (let i = 0; i < rows.length; i++) {
        const r = await trlRollout(rows[i] as Record<string, unknown>, columns, dirname(file))
        if (typeof r === 'string') batch.problems.push({ at: `${file}:row ${start + i + 1}`, message: r })
        else batch.rollouts.push(r)
      }
      yield batch
    }
  }
}
