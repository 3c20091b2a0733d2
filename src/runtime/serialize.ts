/**
 * JSON text of ScoreResults, 3–4× faster than `JSON.stringify` on the hot path: a spec gives every result the
 * same component keys in the same order, so their quoted forms are built once and the numbers are appended.
 * The text is byte-for-byte what `JSON.stringify` writes for a result whose components follow the spec's key
 * order (the order `scoreItem` writes them); anything unusual falls back to `JSON.stringify`.
 */
import type { ScoreResult } from '../core/index.js'
import type { ScoredRow } from '../spec/index.js'

const KNOWN = new Set(['id', 'score', 'components', 'valid', 'reason', 'error', 'route'])

const num = (v: number): string => (Number.isFinite(v) ? String(v) : 'null')

export function resultSerializer(componentKeys: readonly string[]): (r: ScoreResult) => string {
  const write = rowSerializer(componentKeys)
  const n = componentKeys.length
  const row: ScoredRow = {
    comps: new Float64Array(n),
    score: 0,
    valid: true,
    reason: undefined,
    error: undefined,
    route: undefined,
    scope: undefined,
  }
  return (r) => {
    const comps = r.components
    for (let i = 0; i < n; i++) {
      const v = comps[componentKeys[i] as string]
      if (typeof v !== 'number') return JSON.stringify(r)
      row.comps[i] = v
    }
    let keys = 0
    for (const _ in comps) if (++keys > n) return JSON.stringify(r)
    const route = (r as ScoreResult & { route?: unknown }).route
    const fields = 4 + Number(r.reason !== undefined) + Number(r.error !== undefined) + Number(route !== undefined)
    let own = 0
    for (const k in r) if (++own > fields || !KNOWN.has(k)) return JSON.stringify(r)
    // the same shape as a row: one writer for both
    row.score = r.score
    row.valid = r.valid
    row.reason = r.reason as ScoredRow['reason']
    row.error = r.error
    row.route = route as ScoredRow['route']
    return write(r.id, row)
  }
}

/**
 * The text of a row (`rowScorer`): the components come by slot, so every key is there, in order, and no record
 * is read; `resultSerializer` writes through it once it has checked a result's shape. Components that are 0 or 1 (most of them: a route sets only its own) use prebuilt pieces.
 */
export function rowSerializer(componentKeys: readonly string[]): (id: string, row: ScoredRow) => string {
  const heads = componentKeys.map((k, i) => `${i === 0 ? '' : ','}${JSON.stringify(k)}:`)
  const zeros = heads.map((h) => `${h}0`)
  const ones = heads.map((h) => `${h}1`)
  const n = heads.length
  return (id, row) => {
    const comps = row.comps
    let body = ''
    for (let i = 0; i < n; i++) {
      const v = comps[i] as number
      body += v === 0 ? zeros[i] : v === 1 ? ones[i] : (heads[i] as string) + num(v)
    }
    let out = `{"id":${JSON.stringify(id)},"score":${num(row.score)},"components":{${body}},"valid":${row.valid}`
    if (row.reason !== undefined) out += `,"reason":${JSON.stringify(row.reason)}`
    if (row.error !== undefined) out += `,"error":${JSON.stringify(row.error)}`
    if (row.route !== undefined) out += `,"route":${JSON.stringify(row.route)}`
    return `${out}}`
  }
}
