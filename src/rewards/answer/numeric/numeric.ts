import type { RewardReason } from '../../../core/reason.js'
import { firstNumber, lastNumber, type NumberOptions, type ParsedNumber, parseNumber } from '../../parsing/numbers.js'

export interface NumericOptions {
  /** absolute tolerance. Default 0. */
  absTol?: number
  /** relative tolerance, of the reference. Default 1e-9 (float noise); ChartQA's relaxed accuracy is 0.05. */
  relTol?: number
  /**
   * `either` (default): `25%` matches 0.25 and 25. `value`: `25%` is 0.25 (ChartQA, Math-Verify). `ignore`: `25%` is 25.
   */
  percent?: 'either' | 'value' | 'ignore'
  /** `strict` (default): the answer must be one number (units and currency allowed); `first`/`last`: that number in prose. */
  extract?: 'strict' | 'first' | 'last'
  /** round both sides to this many decimals before comparing (VideoRFT: 2). */
  decimals?: number | undefined
  /** `binary` (default) 1/0 within tolerance; `regression`: VideoRFT's `1 − clip((|o−g|+1e-9)/(|g|+1e-9), 0, 1)`. */
  scoring?: 'binary' | 'regression'
  /** ChartQA: when either side is not a number, compare the strings case-insensitively. Default false. */
  stringFallback?: boolean
  decimal?: NumberOptions['decimal']
}

export interface NumericDetail {
  score: number
  /** the value read from the answer (the reading that scored best) */
  value?: number
  reason: RewardReason
}

function readAnswer(answer: string, options: NumericOptions): ParsedNumber | undefined {
  const opts = { decimal: options.decimal ?? 'auto' }
  const extract = options.extract ?? 'strict'
  return extract === 'strict'
    ? parseNumber(answer, opts)
    : extract === 'first'
      ? firstNumber(answer, opts)
      : lastNumber(answer, opts)
}

/** How many values a number may stand for under the percent policy (1 or 2), and the k-th of them. */
function readingCount(n: ParsedNumber, percent: NumericOptions['percent']): number {
  return n.percent && (percent ?? 'either') === 'either' ? 2 : 1
}
function reading(n: ParsedNumber, percent: NumericOptions['percent'], k: number): number {
  if (!n.percent || percent === 'ignore') return n.value
  return k === 0 ? n.value / 100 : n.value
}

const round = (x: number, d: number | undefined) => (d === undefined ? x : Math.round(x * 10 ** d) / 10 ** d)

/**
 * Scores a numeric answer against a reference number (or numeric string): within `max(absTol, relTol·|ref|)` gives
 * 1 (`binary`), or the VideoRFT regression score. ChartQA's relaxed accuracy is `{ relTol: 0.05, percent: 'value',
 * stringFallback: true }`, except that a zero target compares numerically (ChartQA falls back to strings there).
 * @see protocols.md §D (ChartQA `relaxed_correctness`); rewards.md §6a (VideoRFT numerical and regression)
 * @example numeric('about 1,050', 1000, { extract: 'last', relTol: 0.05 }).score //= 1
 * @example numeric('25%', 0.25).score //= 1
 */
export function numeric(answer: string, reference: number | string, options: NumericOptions = {}): NumericDetail {
  const ref = typeof reference === 'number' ? reference : parseNumber(reference, { decimal: options.decimal ?? 'auto' })
  const got = readAnswer(answer, options)
  if (ref === undefined || got === undefined || !Number.isFinite(got.value)) {
    if (options.stringFallback && typeof reference === 'string') {
      const same = answer.trim().toLowerCase() === reference.trim().toLowerCase()
      return same ? { score: 1, reason: { code: 'ok', note: 'string match' } } : wrong(reference, answer)
    }
    if (ref === undefined)
      return {
        score: 0,
        reason: { code: 'unparseable_answer', side: 'reference', expected: 'a number', text: String(reference) },
      }
    return { score: 0, reason: { code: 'unparseable_answer', side: 'response', expected: 'a number', text: answer } }
  }
  const absTol = options.absTol ?? 0
  const relTol = options.relTol ?? 1e-9
  const regression = options.scoring === 'regression'
  const nRef = typeof ref === 'number' ? 1 : readingCount(ref, options.percent)
  const nGot = readingCount(got, options.percent)
  let best = 0
  let bestValue = got.value
  for (let i = 0; i < nRef; i++) {
    const b = round(typeof ref === 'number' ? ref : reading(ref, options.percent, i), options.decimals)
    for (let j = 0; j < nGot; j++) {
      const o = reading(got, options.percent, j)
      const a = round(o, options.decimals)
      const s = regression
        ? 1 - Math.min(1, Math.max(0, (Math.abs(a - b) + 1e-9) / (Math.abs(b) + 1e-9)))
        : Math.abs(a - b) <= Math.max(absTol, relTol * Math.abs(b))
          ? 1
          : 0
      if (s > best) {
        best = s
        bestValue = o
      }
    }
  }
  if (best === 1 || (options.scoring === 'regression' && best > 0))
    return { score: best, value: bestValue, reason: { code: 'ok' } }
  return { score: 0, value: bestValue, reason: { code: 'wrong_answer', expected: String(reference), got: answer } }
}

const wrong = (expected: string, got: string): NumericDetail => ({
  score: 0,
  reason: { code: 'wrong_answer', expected, got },
})
