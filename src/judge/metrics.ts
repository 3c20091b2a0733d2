/** Prometheus metrics of a judge client, registered on the server's registry (`/metrics`). */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import type { JudgeClient } from './client.js'

export function registerJudgeMetrics(registry: Registry, client: JudgeClient): void {
  // Counted here and handed to prom-client when scraped: every cache hit passes through the listener below, and
  // prom-client's inc() hashes and validates its label object on every call (labels() children too).
  type Tally = { labels: Record<string, string>; n: number }
  const counts = new Map<string, Tally>()
  const spent = new Map<string, Tally>()
  const add = (m: Map<string, Tally>, k: string, n: number, labels: () => Tally['labels']) => {
    const t = m.get(k)
    if (t) t.n += n
    else m.set(k, { labels: labels(), n })
  }
  new Counter({
    name: 'sightline_judge_calls_total',
    help: 'judge calls by model and outcome (ok, cached, refused, error)',
    labelNames: ['model', 'outcome'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const t of counts.values()) this.inc(t.labels, t.n)
    },
  })
  new Counter({
    name: 'sightline_judge_tokens_total',
    help: 'tokens spent on judge calls (cache hits spend none), by model and kind (prompt, completion)',
    labelNames: ['model', 'kind'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const t of spent.values()) this.inc(t.labels, t.n)
    },
  })
  const latency = new Histogram({
    name: 'sightline_judge_latency_seconds',
    help: 'judge call latency, retries included (cache hits excluded)',
    labelNames: ['model'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [registry],
  })
  new Counter({
    name: 'sightline_judge_retries_total',
    help: 'judge attempts retried (429, 5xx, timeouts, malformed replies)',
    registers: [registry],
    collect() {
      this.reset()
      this.inc(client.stats().retries)
    },
  })
  new Gauge({
    name: 'sightline_judge_in_flight',
    help: 'judge calls in flight to the endpoint',
    registers: [registry],
    collect() {
      this.set(client.stats().inFlight)
    },
  })
  new Gauge({
    name: 'sightline_judge_circuit_open',
    help: '1 while the judge endpoint’s circuit breaker refuses calls',
    registers: [registry],
    collect() {
      this.set(client.stats().circuit === 'open' ? 1 : 0)
    },
  })
  client.onCall((e) => {
    const { model, outcome } = e
    add(counts, `${outcome}\u0000${model}`, 1, () => ({ model, outcome }))
    if (e.usage.promptTokens) add(spent, `p\u0000${model}`, e.usage.promptTokens, () => ({ model, kind: 'prompt' }))
    if (e.usage.completionTokens)
      add(spent, `c\u0000${model}`, e.usage.completionTokens, () => ({ model, kind: 'completion' }))
    if (e.outcome !== 'cached') latency.observe({ model: e.model }, e.latencyMs / 1000)
  })
}
