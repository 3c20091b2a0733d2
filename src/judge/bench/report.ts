/**
 * Judge-benchmark figures from per-item results (rewards.md §9): accuracy forward, reverse and pooled over every
 * available verdict (MMRB2: a missing verdict is skipped), VL-RewardBench accuracy (one order per item by its
 * swap rule `(len a + len b) mod 2`, with Python's `len` in code points; an unreadable verdict scores 0), overall
 * and macro over categories, position consistency, tie and unreadable rates, tokens, cost and latency.
 */
import { codePointLength } from '../../rewards/text/metrics/sequence.js'
import type { BenchItemResult } from './run.js'

export interface BenchFigures {
  items: number
  /** items with a human preference (ties in the data are not scored) */
  scored: number
  accForward: number
  accReverse: number
  accPooled: number
  accVlRewardBench: number
  /** position consistency: both orders readable and naming the same response */
  consistency: number
  tieRate: number
  unreadableRate: number
  errors: number
}

export interface BenchReport {
  judge: { url: string; model: string }
  overall: BenchFigures
  /** the mean of the per-category accuracies */
  macro: { accPooled: number; accVlRewardBench: number }
  categories: Record<string, BenchFigures>
  cost: { promptTokens: number; completionTokens: number; usd: number | null; cachedCalls: number }
  latencyMs: { p50: number | null; p95: number | null; calls: number }
  seconds: number
}

const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b)

/** VL-RewardBench's order swap, `sum(len(r) for r in responses) % 2` (Python's `len`: code points; 1: the pair is shown reversed). */
export const vlRewardBenchSwap = (responses: readonly string[]): number =>
  responses.reduce((a, r) => a + codePointLength(r), 0) % 2

export function figures(results: readonly BenchItemResult[]): BenchFigures {
  let scored = 0
  let fOk = 0
  let fAll = 0
  let rOk = 0
  let rAll = 0
  let vl = 0
  let both = 0
  let agree = 0
  let ties = 0
  let verdicts = 0
  let unreadable = 0
  let errors = 0
  for (const r of results) {
    errors += r.errors.length
    const read = [r.forward, r.reverse].filter((v) => v !== undefined)
    verdicts += read.length
    ties += read.filter((v) => v === 'tie').length
    unreadable += 2 - r.errors.length - read.length
    if (r.forward !== undefined && r.reverse !== undefined) {
      both++
      if (r.forward === r.reverse) agree++
    }
    const want = r.pair.preferred
    if (want === undefined) continue
    scored++
    if (r.forward !== undefined) {
      fAll++
      if (r.forward === want) fOk++
    }
    if (r.reverse !== undefined) {
      rAll++
      if (r.reverse === want) rOk++
    }
    const swap = vlRewardBenchSwap(r.pair.responses)
    if ((swap === 0 ? r.forward : r.reverse) === want) vl++
  }
  return {
    items: results.length,
    scored,
    accForward: ratio(fOk, fAll),
    accReverse: ratio(rOk, rAll),
    accPooled: ratio(fOk + rOk, fAll + rAll),
    accVlRewardBench: ratio(vl, scored),
    consistency: ratio(agree, both),
    tieRate: ratio(ties, verdicts),
    unreadableRate: ratio(unreadable, verdicts + unreadable),
    errors,
  }
}

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number
}

export function buildReport(
  results: readonly BenchItemResult[],
  judge: BenchReport['judge'],
  seconds: number,
  prices?: { inputPerMillion: number; outputPerMillion: number },
): BenchReport {
  const byCat = new Map<string, BenchItemResult[]>()
  for (const r of results) {
    const list = byCat.get(r.pair.category)
    if (list) list.push(r)
    else byCat.set(r.pair.category, [r])
  }
  const categories: Record<string, BenchFigures> = {}
  for (const [c, list] of [...byCat].sort(([a], [b]) => a.localeCompare(b))) categories[c] = figures(list)
  const cats = Object.values(categories).filter((f) => f.scored > 0)
  const mean = (xs: number[]) => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length)
  let promptTokens = 0
  let completionTokens = 0
  let cachedCalls = 0
  const lat: number[] = []
  for (const r of results) {
    promptTokens += r.tokens.prompt
    completionTokens += r.tokens.completion
    cachedCalls += r.cachedCalls
    lat.push(...r.latencies)
  }
  lat.sort((a, b) => a - b)
  return {
    judge,
    overall: figures(results),
    macro: {
      accPooled: mean(cats.map((f) => f.accPooled)),
      accVlRewardBench: mean(cats.map((f) => f.accVlRewardBench)),
    },
    categories,
    cost: {
      promptTokens,
      completionTokens,
      usd: prices ? (promptTokens * prices.inputPerMillion + completionTokens * prices.outputPerMillion) / 1e6 : null,
      cachedCalls,
    },
    latencyMs: { p50: quantile(lat, 0.5), p95: quantile(lat, 0.95), calls: lat.length },
    seconds,
  }
}

const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`)

/** The report as a table for a terminal. */
export function formatReport(r: BenchReport): string {
  const rows: string[][] = [
    ['', 'n', 'acc fwd', 'acc rev', 'pooled', 'VL-RB', 'consistent', 'ties', 'unread', 'errors'],
  ]
  const row = (name: string, f: BenchFigures) =>
    rows.push([
      name,
      String(f.scored),
      pct(f.accForward),
      pct(f.accReverse),
      pct(f.accPooled),
      pct(f.accVlRewardBench),
      pct(f.consistency),
      pct(f.tieRate),
      pct(f.unreadableRate),
      String(f.errors),
    ])
  for (const [c, f] of Object.entries(r.categories)) row(c, f)
  row('overall', r.overall)
  rows.push(['macro', '', '', '', pct(r.macro.accPooled), pct(r.macro.accVlRewardBench), '', '', '', ''])
  const widths = rows[0]?.map((_, k) => Math.max(...rows.map((x) => (x[k] ?? '').length))) ?? []
  const lines = rows.map((x) =>
    x.map((cell, k) => (k === 0 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0))).join('  '),
  )
  const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`)
  lines.push(
    '',
    `judge ${r.judge.model} at ${r.judge.url}; ${r.overall.items} pairs, both orders, in ${r.seconds.toFixed(1)} s`,
    `tokens ${r.cost.promptTokens} in + ${r.cost.completionTokens} out${r.cost.usd === null ? '' : ` ≈ $${r.cost.usd.toFixed(4)}`}; ${r.cost.cachedCalls} cached calls`,
    `latency p50 ${ms(r.latencyMs.p50)}, p95 ${ms(r.latencyMs.p95)} over ${r.latencyMs.calls} calls`,
  )
  return `${lines.join('\n')}\n`
}
