import { describeValue, type RewardReason } from '../../../core/index.js'
import { isPyWhitespace } from '../../parsing/chars.js'

/** A solved jigsaw: `order[k]` is the 1-based piece at row-major position k of a `rows × cols` grid. */
export interface JigsawGrid {
  rows: number
  cols: number
  order: Int32Array
  /** `where[piece]`: the position of each piece (index 0 unused) */
  where: Int32Array
}

/** The largest grid a reference may describe (Jigsaw-R1 goes up to 4×4); bounds the parse of model output too. */
export const MAX_PIECES = 1024

const SHAPE =
  'a permutation of 1..m·n: [1, 2, 3, 4], "1 2 3 4", or { order, rows, cols } (square when rows/cols are absent)'

/**
 * Reads a Jigsaw-R1 grid answer `s[from, to)`: `` ` , ; `` and newlines are spaces, then every whitespace-separated
 * token must be `[0-9]+` in [1, maxPiece]. Writes the pieces into `out` and returns how many, or -1 when any token
 * is bad (the reference's `None`, which scores 0), or -2 when there are more than `limit` tokens.
 * @see rewards.md §5b; zifuwanggg/Jigsaw-R1 `utils/reward.py`
 */
export function readPieces(
  s: string,
  from: number,
  to: number,
  maxPiece: number,
  out: Int32Array,
  limit = out.length,
): number {
  let n = 0
  let value = -1
  for (let i = from; i <= to; i++) {
    const c = i < to ? s.charCodeAt(i) : 32
    if (c >= 48 && c <= 57) {
      // a value past maxPiece stays past it: cap the accumulator so 10 MB of digits cannot overflow into range
      value = value < 0 ? c - 48 : value > maxPiece ? value : value * 10 + (c - 48)
      continue
    }
    if (!(c === 44 || c === 59 || c === 96 || isPyWhitespace(c))) return -1
    if (value < 0) continue
    if (value < 1 || value > maxPiece) return -1
    if (n === limit) return -2
    out[n++] = value
    value = -1
  }
  return n
}

/** Builds the grid from pieces, checking it is a permutation of 1..rows·cols. */
function makeGrid(pieces: readonly number[] | Int32Array, rows: number, cols: number): JigsawGrid | undefined {
  const n = rows * cols
  if (pieces.length !== n) return undefined
  const order = Int32Array.from(pieces)
  const where = new Int32Array(n + 1).fill(-1)
  for (let k = 0; k < n; k++) {
    const p = order[k] as number
    if (!(p >= 1 && p <= n) || where[p] !== -1) return undefined
    where[p] = k
  }
  return { rows, cols, order, where }
}

const cache = new WeakMap<object, { key: string; grid: JigsawGrid | RewardReason }>()
const stringCache = new Map<string, JigsawGrid | RewardReason>()

/**
 * The ground-truth grid from `item.reference`, or why it is unusable; `rows`/`cols` (params) apply to a flat
 * reference. Parsed once per reference object (GRPO groups share one) and per distinct string.
 */
export function readGrid(reference: unknown, rows?: number, cols?: number): JigsawGrid | RewardReason {
  if (reference === undefined || reference === null) return { code: 'missing_reference', expected: SHAPE }
  const key = `${rows ?? ''}x${cols ?? ''}`
  if (typeof reference === 'string') {
    const k = `${key}:${reference}`
    let g = stringCache.get(k)
    if (!g) {
      g = parseGrid(reference, rows, cols)
      if (stringCache.size >= 4096) stringCache.clear()
      stringCache.set(k, g)
    }
    return g
  }
  if (typeof reference !== 'object')
    return { code: 'invalid_reference', expected: SHAPE, got: describeValue(reference) }
  const hit = cache.get(reference)
  if (hit?.key === key) return hit.grid
  const grid = parseGrid(reference, rows, cols)
  cache.set(reference, { key, grid })
  return grid
}

function parseGrid(reference: unknown, rowsParam?: number, colsParam?: number): JigsawGrid | RewardReason {
  const bad: RewardReason = { code: 'invalid_reference', expected: SHAPE, got: describeValue(reference) }
  let source: unknown = reference
  let rows = rowsParam
  let cols = colsParam
  if (typeof reference === 'object' && reference !== null && !Array.isArray(reference)) {
    const r = reference as { order?: unknown; rows?: unknown; cols?: unknown }
    source = r.order
    if (r.rows !== undefined || r.cols !== undefined) {
      if (!Number.isInteger(r.rows) || !Number.isInteger(r.cols)) return bad
      rows = r.rows as number
      cols = r.cols as number
    }
  }
  let pieces: number[] | Int32Array
  if (typeof source === 'string') {
    const buf = new Int32Array(MAX_PIECES)
    const n = readPieces(source, 0, source.length, MAX_PIECES, buf)
    if (n < 0) return bad
    pieces = buf.subarray(0, n)
  } else if (Array.isArray(source) && source.length <= MAX_PIECES && source.every(Number.isInteger)) {
    pieces = source as number[]
  } else return bad
  if (rows === undefined || cols === undefined) {
    const side = Math.round(Math.sqrt(pieces.length))
    if (rows === undefined && cols === undefined) rows = cols = side
    else if (rows === undefined) rows = cols ? pieces.length / (cols as number) : 0
    else cols = rows ? pieces.length / rows : 0
  }
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && (rows as number) >= 1 && (cols as number) >= 1)) return bad
  return makeGrid(pieces, rows as number, cols as number) ?? bad
}
