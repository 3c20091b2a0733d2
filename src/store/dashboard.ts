/** The run dashboard from the per-step aggregates: O(steps × metrics), whatever the number of rollouts. */
import { type Kysely, sql } from 'kysely'
import type { StoreDb } from './db.js'
import type { DashboardSeries, StepMoment } from './types.js'

interface StatRow {
  step: number
  metric: string
  n: number
  sum: number
  sumsq: number
}

/** Mean and unbiased std from a count, a sum and a sum of squares. */
export function moment(n: number, sum: number, sumsq: number): StepMoment {
  if (n === 0) return { n: 0, mean: Number.NaN, std: Number.NaN }
  const mean = sum / n
  const std = n > 1 ? Math.sqrt(Math.max(0, (sumsq - n * mean * mean) / (n - 1))) : 0
  return { n, mean, std }
}

/** Pearson's r from sums; NaN when either side has no variance. */
export function pearson(n: number, sx: number, sxx: number, sy: number, syy: number, sxy: number): number {
  const cov = sxy - (sx * sy) / n
  const vx = sxx - (sx * sx) / n
  const vy = syy - (sy * sy) / n
  if (n < 3 || vx <= 1e-12 || vy <= 1e-12) return Number.NaN
  return cov / Math.sqrt(vx * vy)
}

/** `zeroVariance: false` skips the one query that reads every group of the run (the detectors do not need it). */
export async function dashboardSeries(
  db: Kysely<StoreDb>,
  runId: number,
  componentKeys: readonly string[],
  { zeroVariance = true }: { zeroVariance?: boolean } = {},
): Promise<DashboardSeries> {
  const rows = (await db
    .selectFrom('step_stats')
    .select(['step', 'metric', 'n', 'sum', 'sumsq'])
    .where('run_id', '=', runId)
    .orderBy('step')
    .execute()) as StatRow[]
  const zero = !zeroVariance
    ? { rows: [] as { step: number; groups: number; zero: number }[] }
    : await sql<{ step: number; groups: number; zero: number }>`
    SELECT step, count(*) AS groups, sum(CASE WHEN max = min THEN 1 ELSE 0 END) AS zero
    FROM groups WHERE run_id = ${runId} AND n >= 2 GROUP BY step`.execute(db)
  const byStep = new Map<number, Map<string, StatRow>>()
  for (const r of rows) {
    let m = byStep.get(r.step)
    if (!m) {
      m = new Map()
      byStep.set(r.step, m)
    }
    m.set(r.metric, r)
  }
  const zeroBy = new Map(zero.rows.map((r) => [r.step, r.zero / r.groups]))
  const steps = [...byStep.keys()].sort((a, b) => a - b)
  const s: DashboardSeries = {
    steps,
    rollouts: [],
    score: [],
    components: Object.fromEntries(componentKeys.map((k) => [k, [] as StepMoment[]])),
    length: [],
    lengthScoreCorr: [],
    invalidRate: [],
    formatFailureRate: [],
    truncatedRate: [],
    zeroVarianceFraction: [],
    judgeCost: [],
  }
  const get = (m: Map<string, StatRow>, k: string) => m.get(k) ?? { step: 0, metric: k, n: 0, sum: 0, sumsq: 0 }
  for (const step of steps) {
    const m = byStep.get(step) as Map<string, StatRow>
    const sc = get(m, 'score')
    const len = get(m, 'length')
    const n = sc.n
    s.rollouts.push(n)
    s.score.push(moment(sc.n, sc.sum, sc.sumsq))
    s.length.push(moment(len.n, len.sum, len.sumsq))
    s.lengthScoreCorr.push(pearson(n, len.sum, len.sumsq, sc.sum, sc.sumsq, get(m, 'len_score').sum))
    s.invalidRate.push(n ? get(m, 'invalid').sum / n : 0)
    s.formatFailureRate.push(n ? get(m, 'format_fail').sum / n : 0)
    s.truncatedRate.push(n ? get(m, 'truncated').sum / n : 0)
    s.judgeCost.push(get(m, 'judge_cost').sum)
    s.zeroVarianceFraction.push(zeroBy.get(step) ?? 0)
    for (const k of componentKeys) {
      const c = get(m, `c:${k}`)
      ;(s.components[k] as StepMoment[]).push(moment(c.n, c.sum, c.sumsq))
    }
  }
  return s
}
