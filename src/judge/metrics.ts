/** Prometheus metrics of a judge client, registered on the server's registry (`/metrics`). */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import type { JudgeClient } from './client.js'

export function registerJudgeMetrics(registry: Registry, client: JudgeClient): void {
  const calls = new Counter({
    name: 'sightline_judge_calls_total',
    help: 'judge calls by model and outcome (ok, cached, refused, error)',
    labelNames: ['model', 'outcome'] as const,
    registers: [registry],
  })
  const tokens = new Counter({
    name: 'sightline_judge_tokens_total',
    help: 'tokens spent on judge calls (cache hits spend none), by model and kind (prompt, completion)',
    labelNames: ['model', 'kind'] as const,
    registers: [registry],
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
    calls.inc({ model: e.model, outcome: e.outcome })
    if (e.usage.promptTokens) tokens.inc({ model: e.model, kind: 'prompt' }, e.usage.promptTokens)
    if (e.usage.completionTokens) tokens.inc({ model: e.model, kind: 'completion' }, e.usage.completionTokens)
    if (e.outcome !== 'cached') latency.observe({ model: e.model }, e.latencyMs / 1000)
  })
}
