/**
 * Reads verl-style parquet (verl's RLHFDataset and generation outputs) as ScoreItems, a slice of rows at a time,
 * with hyparquet (pure JS, maintained). Columns: `data_source` → task, `prompt` (chat list) → prompt,
 * `reward_model.ground_truth` → reference, `extra_info` → meta, `uid` → group, `images` (HF Image structs
 * `{bytes, path}` or paths) → ImageRef with path, sha256 and pixel size but never the bytes, and a response
 * column (`response`, `responses` or `solution_str`, or one you name). A list of responses (verl's generation
 * output, n per prompt) becomes one item per response, grouped by the row.
 */
import { createHash } from 'node:crypto'
import type { FileMetaData } from 'hyparquet'
import { ConfigError } from '../core/errors.js'
import type { ImageRef } from '../core/index.js'

export const RESPONSE_COLUMNS = ['response', 'responses', 'solution_str'] as const
const COLUMNS = ['data_source', 'prompt', 'reward_model', 'ground_truth', 'extra_info', 'images', 'uid', 'id', 'step']

export interface ParquetChunk {
  /** raw items, checked by the scorer like JSONL lines */
  items: unknown[]
  /** the 1-based row number of each item */
  rows: number[]
  /** rows read so far, this slice included */
  rowsRead: number
}

export interface ParquetInput {
  /** rows in the file */
  rows: number
  /** the column the responses come from */
  responseColumn: string
  chunks(): AsyncGenerator<ParquetChunk>
}

export interface ParquetOptions {
  /** the response column; default: the first of `RESPONSE_COLUMNS` present */
  responseColumn?: string
  /** rows decoded at once; default 1024 */
  rowsPerSlice?: number
}

/** Opens a parquet file, checks its columns, and returns a reader of row slices (constant memory per slice). */
export async function openParquet(path: string, options: ParquetOptions = {}): Promise<ParquetInput> {
  // loaded here, not at the top: `sightline score` on JSONL (and every worker) starts without them
  const [{ asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema }, { compressors }] =
    await Promise.all([import('hyparquet'), import('hyparquet-compressors')])
  const file = await asyncBufferFromFile(path)
  let metadata: FileMetaData
  try {
    metadata = await parquetMetadataAsync(file)
  } catch (e) {
    throw new ConfigError(path, [{ path: '', message: `not a parquet file: ${(e as Error).message}` }])
  }
  const names = parquetSchema(metadata).children.map((c) => c.element.name)
  const responseColumn = options.responseColumn ?? RESPONSE_COLUMNS.find((c) => names.includes(c))
  if (responseColumn === undefined || !names.includes(responseColumn))
    throw new ConfigError(path, [
      {
        path: responseColumn ?? '',
        message: `${responseColumn ? `no column "${responseColumn}"` : 'no response column'}: expected one of ${RESPONSE_COLUMNS.join(', ')} (or name one with --response-column); columns: ${names.join(', ')}`,
      },
    ])
  const columns = [...new Set([responseColumn, ...COLUMNS.filter((c) => names.includes(c))])]
  const total = Number(metadata.num_rows)
  const perSlice = Math.max(1, options.rowsPerSlice ?? 1024)
  return {
    rows: total,
    responseColumn,
    async *chunks() {
      let groupStart = 0
      for (const group of metadata.row_groups) {
        const groupEnd = groupStart + Number(group.num_rows)
        for (let start = groupStart; start < groupEnd; start += perSlice) {
          const end = Math.min(groupEnd, start + perSlice)
          const rows = await parquetReadObjects({
            file,
            metadata,
            columns,
            rowStart: start,
            rowEnd: end,
            compressors,
            utf8: false, // unannotated BYTE_ARRAY (image bytes) stays bytes; UTF8 columns are still text
          })
          const chunk: ParquetChunk = { items: [], rows: [], rowsRead: end }
          for (let i = 0; i < rows.length; i++)
            await addRow(chunk, rows[i] as Record<string, unknown>, start + i + 1, responseColumn)
          yield chunk
        }
        groupStart = groupEnd
      }
    },
  }
}

async function addRow(chunk: ParquetChunk, row: Record<string, unknown>, rowNumber: number, responseColumn: string) {
  const base: Record<string, unknown> = {}
  if (typeof row.data_source === 'string') base.task = row.data_source
  if (row.prompt !== undefined && row.prompt !== null) base.prompt = plain(row.prompt)
  const rm = row.reward_model
  const reference =
    typeof rm === 'object' && rm !== null && 'ground_truth' in rm
      ? (rm as { ground_truth: unknown }).ground_truth
      : row.ground_truth
  if (reference !== undefined && reference !== null) base.reference = plain(reference)
  if (typeof row.extra_info === 'object' && row.extra_info !== null) base.meta = plain(row.extra_info)
  if (Array.isArray(row.images) && row.images.length > 0) base.images = await Promise.all(row.images.map(imageRef))
  if (row.uid !== undefined && row.uid !== null) base.group = String(row.uid)
  if (row.id !== undefined && row.id !== null) base.id = String(row.id)
  if (typeof row.step === 'number' || typeof row.step === 'bigint') base.step = Number(row.step)
  const response = row[responseColumn]
  if (!Array.isArray(response)) {
    chunk.items.push({ ...base, response: plain(response) })
    chunk.rows.push(rowNumber)
    return
  }
  // n sampled responses for one prompt: one item each, in one GRPO group
  const group = base.group ?? `row-${rowNumber}`
  for (let k = 0; k < response.length; k++) {
    const item: Record<string, unknown> = { ...base, group, response: plain(response[k]) }
    if (base.id !== undefined) item.id = `${base.id}-${k}`
    chunk.items.push(item)
    chunk.rows.push(rowNumber)
  }
}

/** JSON-safe copies of parquet values: BigInt → number (string when unsafe), bytes dropped, dates as ISO text. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : String(v)
  if (v instanceof Date) return v.toISOString()
  if (ArrayBuffer.isView(v)) return undefined
  if (Array.isArray(v)) return v.map(plain)
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      const p = plain(x)
      if (p !== undefined) out[k] = p
    }
    return out
  }
  return v
}

let sharpModule: Promise<typeof import('sharp')> | undefined

/** An ImageRef for an HF Image struct or a path: the bytes are hashed and measured, never kept. */
async function imageRef(v: unknown): Promise<ImageRef> {
  if (typeof v === 'string') return { path: v }
  if (typeof v !== 'object' || v === null) return {}
  const s = v as Record<string, unknown>
  const ref: ImageRef = {}
  if (typeof s.path === 'string') ref.path = s.path
  for (const k of ['width', 'height'] as const) {
    const x = s[k]
    if (typeof x === 'number' || typeof x === 'bigint') ref[k] = Number(x)
  }
  const bytes = s.bytes
  if (bytes instanceof Uint8Array && bytes.length > 0) {
    ref.sha256 = createHash('sha256').update(bytes).digest('hex')
    if (ref.width === undefined || ref.height === undefined) {
      try {
        sharpModule ??= import('sharp')
        const { default: sharp } = await sharpModule
        const m = await sharp(bytes).metadata()
        if (m.width && m.height) {
          ref.width = m.width
          ref.height = m.height
        }
      } catch {
        // not a decodable image: the reference keeps its hash, and rewards that need a size say so
      }
    }
  }
  return ref
}
