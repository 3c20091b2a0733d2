/** The run summary: a table per component on stderr for people, and the same as JSON for machines. */

import { type ComponentSummary, componentSummaries, type StatsState } from '../runtime/stats.js'
import type { RewardProvenance } from '../spec/index.js'

/** What a run records about itself: enough to say which code produced a score. */
export interface Provenance {
  sightline: string
  spec: { path: string; sha256: string }
  rewards: readonly RewardProvenance[]
  input: { path: string; format: 'jsonl' | 'parquet'; responseColumn?: string }
  workers: number
  timeoutMs: number
  startedAt: string
}

export interface RunSummary {
  items: number
  valid: number
  invalid: number
  /** entries that were not ScoreItems (malformed JSON, no string response) */
  bad: number
  errors: Record<string, number>
  reasons: Record<string, number>
  /** per route case (task): items, valid items, mean score */
  routes: Record<string, { n: number; valid: number; mean: number }>
  /** over every scored item; a component that did not apply to an item (another route, a closed gate) counts 0 */
  components: ComponentSummary[]
  seconds: number
  itemsPerSecond: number
  /** the process's peak resident memory (workers included), MiB */
  peakRssMb: number
  provenance: Provenance
}

export function runSummary(stats: StatsState, seconds: number, provenance: Provenance): RunSummary {
  return {
    items: stats.items,
    valid: stats.valid,
    invalid: stats.invalid,
    bad: stats.bad,
    errors: stats.errors,
    reasons: stats.reasons,
    routes: Object.fromEntries(
      Object.entries(stats.routes).map(([k, t]) => [k, { n: t.n, valid: t.valid, mean: t.n > 0 ? t.sum / t.n : 0 }]),
    ),
    components: componentSummaries(stats),
    seconds,
    itemsPerSecond: seconds > 0 ? stats.items / seconds : 0,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    provenance,
  }
}

const int = (n: number) => n.toLocaleString('en-US')
const num = (n: number) => (Number.isNaN(n) ? '–' : Number.isInteger(n) ? String(n) : n.toFixed(4))
const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${int(n)}`)
    .join(', ')

/** Renders the summary as the lines printed on stderr. */
export function formatSummary(s: RunSummary): string {
  const p = s.provenance
  const lines: string[] = []
  lines.push(
    `scored ${int(s.items)} items in ${s.seconds.toFixed(2)} s (${int(Math.round(s.itemsPerSecond))} items/s, ${p.workers === 0 ? 'in-process' : `${p.workers} workers`}, peak RSS ${int(s.peakRssMb)} MiB)`,
  )
  lines.push(`spec ${p.spec.path} (sha256 ${p.spec.sha256.slice(0, 12)}), sightline ${p.sightline}`)
  for (const r of p.rewards) lines.push(`  ${r.key}: ${r.rewardId} v${r.rewardVersion} ${JSON.stringify(r.params)}`)
  const head = ['component', 'n', 'mean', 'std', 'min', 'max']
  const rows = s.components.map((c) => [c.key, int(c.n), num(c.mean), num(c.std), num(c.min), num(c.max)])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
  const fmt = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ')
  lines.push(fmt(head), ...rows.map(fmt))
  const routes = Object.entries(s.routes)
  if (routes.length > 0) {
    lines.push('by route (task):')
    const w = Math.max(...routes.map(([k]) => k.length))
    for (const [k, t] of routes.sort((a, b) => b[1].n - a[1].n))
      lines.push(`  ${k.padEnd(w)}  n ${int(t.n)}  mean score ${num(t.mean)}  valid ${int(t.valid)}`)
  }
  lines.push(
    `valid ${int(s.valid)}, invalid ${int(s.invalid)}${s.bad > 0 ? ` (of which not ScoreItems: ${int(s.bad)})` : ''}`,
  )
  if (Object.keys(s.errors).length > 0) lines.push(`errors: ${counts(s.errors)}`)
  if (Object.keys(s.reasons).length > 0) lines.push(`reasons: ${counts(s.reasons)}`)
  return `${lines.join('\n')}\n`
}
