/**
 * Sightline's scored JSONL: a ScoreItem with its result on each line, either flat (`{...item, score, components,
 * valid, reason}`) or nested (`{item, result}`), as `/v1/score` callers and `sightline score` pipelines keep them.
 */
import { dirname } from 'node:path'
import type { ChatMessage } from '../../core/index.js'
import type { IngestRollout } from '../types.js'
import { type ImportBatch, jsonlBatches, loadImage, toNumber } from './common.js'

export async function scoredRollout(row: Record<string, unknown>, baseDir: string): Promise<IngestRollout | string> {
  const item = (row.item && typeof row.item === 'object' ? row.item : row) as Record<string, unknown>
  const result = (row.result && typeof row.result === 'object' ? row.result : row) as Record<string, unknown>
  if (typeof item.response !== 'string') return 'no "response" string'
  const score = toNumber(result.score)
  if (score === undefined) return 'no numeric "score" (score the items first: sightline score)'
  const components: Record<string, number> = {}
  if (result.components && typeof result.components === 'object')
    for (const [k, v] of Object.entries(result.components as Record<string, unknown>)) {
      const n = toNumber(v)
      if (n !== undefined) components[k] = n
    }
  const r: IngestRollout = {
    step: toNumber(item.step) ?? 0,
    response: item.response,
    score,
    components,
    valid: result.valid !== false,
  }
  if (typeof item.id === 'string' || typeof item.id === 'number') r.id = String(item.id)
  if (typeof item.task === 'string') r.task = item.task
  if (typeof item.group === 'string') r.group = item.group
  if (typeof item.prompt === 'string' || Array.isArray(item.prompt)) r.prompt = item.prompt as string | ChatMessage[]
  if (item.reference !== undefined) r.reference = item.reference
  if (item.meta && typeof item.meta === 'object') r.meta = item.meta as Record<string, unknown>
  if (
    result.reason &&
    typeof result.reason === 'object' &&
    typeof (result.reason as { code?: unknown }).code === 'string'
  )
    r.reason = result.reason as { code: string }
  const meta = r.meta ?? {}
  const len = toNumber(meta.responseLength ?? meta.response_length)
  if (len !== undefined) r.length = len
  if (meta.truncated === true) r.truncated = true
  const cost = toNumber(meta.judgeCost ?? meta.judge_cost)
  if (cost !== undefined) r.judgeCost = cost
  if (Array.isArray(item.images)) {
    const ims = []
    for (const im of item.images.slice(0, 16)) {
      const loaded = await loadImage(im, baseDir)
      if (loaded) ims.push(loaded)
    }
    r.images = ims
  }
  return r
}

export function readScoredJsonl(file: string, batchSize = 1000): AsyncGenerator<ImportBatch> {
  return jsonlBatches(file, batchSize, (row) => scoredRollout(row, dirname(file)))
}
