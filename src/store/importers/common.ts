/** What the importers share: line reading, numbers from loose JSON, image files next to the input. */
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import type { IngestImage, IngestRollout } from '../types.js'

/** Lines longer than this are skipped (and counted): a bound on memory per rollout. */
export const MAX_LINE = 32 * 1024 * 1024
const MAX_IMAGE_FILE = 64 * 1024 * 1024

export interface ImportProblem {
  /** file:line, or file:row */
  at: string
  message: string
}

export interface ImportBatch {
  rollouts: IngestRollout[]
  problems: ImportProblem[]
}

/** The lines of a JSONL (or .jsonl.gz) file with their 1-based numbers; blank lines skipped. */
export async function* lines(path: string): AsyncGenerator<[number, string]> {
  const input = createReadStream(path)
  const rl = createInterface({ input: path.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity })
  let n = 0
  for await (const line of rl) {
    n++
    if (line.trim()) yield [n, line]
  }
}

/**
 * A JSONL file of objects as import batches: each object goes through `convert`, which gives a rollout or says why
 * not. Over-long lines, lines that are not JSON and JSON that is not an object become problems with their file:line.
 */
export async function* jsonlBatches(
  file: string,
  batchSize: number,
  convert: (row: Record<string, unknown>) => Promise<IngestRollout | string>,
): AsyncGenerator<ImportBatch> {
  let batch: ImportBatch = { rollouts: [], problems: [] }
  for await (const [n, line] of lines(file)) {
    const at = `${file}:${n}`
    if (line.length > MAX_LINE) {
      batch.problems.push({ at, message: `line over ${MAX_LINE} characters` })
      continue
    }
    let row: unknown
    try {
      row = JSON.parse(line)
    } catch (e) {
      batch.problems.push({ at, message: `not JSON: ${(e as Error).message}` })
      continue
    }
    const r =
      row && typeof row === 'object' && !Array.isArray(row)
        ? await convert(row as Record<string, unknown>)
        : 'not a JSON object'
    if (typeof r === 'string') batch.problems.push({ at, message: r })
    else batch.rollouts.push(r)
    if (batch.rollouts.length >= batchSize) {
      yield batch
      batch = { rollouts: [], problems: [] }
    }
  }
  if (batch.rollouts.length || batch.problems.length) yield batch
}

/** A finite number from a number, a boolean (true → 1) or a numeric string; else undefined. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'string' && v.trim() !== '' && v.length < 40) {
    const n = Number(v)
    return Number.isFinite(n) ? n : undefined
  }
  return undefined
}

/**
 * An image reference with its bytes read when it names a readable file (relative to the input file's folder);
 * data URLs are decoded by the store. Unreadable paths are kept as paths.
 */
export async function loadImage(ref: unknown, baseDir: string): Promise<IngestImage | undefined> {
  if (typeof ref === 'string') return loadImage(ref.startsWith('data:') ? { data: ref } : { path: ref }, baseDir)
  if (!ref || typeof ref !== 'object') return undefined
  const o = ref as Record<string, unknown>
  const out: IngestImage = {}
  for (const k of ['width', 'height', 'inputWidth', 'inputHeight'] as const) {
    const v = toNumber(o[k])
    if (v !== undefined && v > 0) out[k] = v
  }
  if (o.bytes instanceof Uint8Array && o.bytes.length > 0) out.bytes = o.bytes
  if (typeof o.data === 'string') out.data = o.data
  if (typeof o.url === 'string' && o.url.startsWith('data:')) out.data = o.url
  if (typeof o.sha256 === 'string') out.sha256 = o.sha256
  if (typeof o.path === 'string' && o.path) {
    out.path = o.path
    if (!out.bytes && !out.data) {
      const p = isAbsolute(o.path) ? o.path : resolve(baseDir, o.path)
      try {
        if ((await stat(p)).size <= MAX_IMAGE_FILE) out.bytes = await readFile(p)
      } catch {
        // not here: kept as a path, drawn without pixels
      }
    }
  }
  return out
}
