/** Prometheus metrics of one server (its own registry, so several apps can live in one process, as in tests). */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { Admission } from './admission.js'
import type { BatchScorer } from './scoring.js'

export interface ServerMetrics {
  readonly registry: Registry
  request(route: string, method: string, status: number, seconds: number): void
  /** counts a scored batch, from its summary stats: items per reward id, errors per code */
  tallied(perReward: Iterable<readonly [string, number]>, perError: Iterable<readonly [string, number]>): void
}

export function createMetrics(admission: Admission, scorer: BatchScorer, { defaults = true } = {}): ServerMetrics {
  const registry = new Registry()
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'sightline_' })
  const requests = new Counter({
    name: 'sightline_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'sightline_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const items = new Counter({
    name: 'sightline_items_scored_total',
    help: 'items scored, by reward id',
    labelNames: ['reward'] as const,
    registers: [registry],
  })
  const itemErrors = new Counter({
    name: 'sightline_item_errors_total',
    help: 'items that could not be scored (timeout, reward_error, no_route, ...), by code',
    labelNames: ['code'] as const,
    registers: [registry],
  })
  new Gauge({
    name: 'sightline_pending_items',
    help: 'items accepted and not yet answered',
    registers: [registry],
    collect() {
      this.set(admission.pendingItems)
    },
  })
  new Gauge({
    name: 'sightline_requests_in_flight',
    help: 'requests being read or scored',
    registers: [registry],
    collect() {
      this.set(admission.requests)
    },
  })
  new Gauge({
    name: 'sightline_pool_utilization',
    help: 'busy scoring workers / all scoring workers',
    registers: [registry],
    collect() {
      const { busy, size } = scorer.utilization()
      this.set(size > 0 ? busy / size : 0)
    },
  })
  const tallied: ServerMetrics['tallied'] = (perReward, perError) => {
    for (const [reward, n] of perReward) items.inc({ reward }, n)
    for (const [code, n] of perError) itemErrors.inc({ code }, n)
  }
  return {
    registry,
    request(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) })
      latency.observe({ route }, seconds)
    },
    tallied,
  }
}
