/**
 * The benchmark harness: suites in bench/suites/*.ts export `suite`; `npm run bench` runs them all (or those
 * named on the command line) and prints one table. Targets are checked and shown, never asserted in unit tests.
 */

export interface BenchResult {
  /** what was measured, e.g. `box-iou` or `coco-eval (fixture)` */
  name: string
  /** the figure, e.g. 412345 */
  value: number
  /** its unit, e.g. `items/s/core`, `ms`, `ratio` */
  unit: string
  /** the target, written as the issue writes it, e.g. `≥ 300000` or `≤ 30` */
  target?: string
  /** anything worth printing beside the figure (the reference's time, p99, ...) */
  note?: string
}

export interface BenchSuite {
  name: string
  run(): Promise<BenchResult[]> | BenchResult[]
}

/** Seconds of CPU this process has used (user + system). */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

/**
 * Calls `fn(i)` for `inputs` round-robin for about `ms` milliseconds (after a warm-up) and returns calls per
 * CPU-second of this process: "items/s on one core" that stays honest on a shared, noisy machine (wall-clock
 * rates fall when other processes take the core; CPU time does not). Use it for single-threaded code only.
 */
export function throughput<T>(inputs: readonly T[], fn: (input: T) => unknown, ms = 1000): number {
  if (inputs.length === 0) throw new Error('throughput needs at least one input')
  let sink = 0
  const warm = performance.now() + Math.min(200, ms / 4)
  for (let i = 0; performance.now() < warm; i++) sink ^= fn(inputs[i % inputs.length] as T) === undefined ? 0 : 1
  let calls = 0
  const startCpu = cpuSeconds()
  const end = performance.now() + ms
  while (performance.now() < end) {
    for (let k = 0; k < 64; k++, calls++) sink ^= fn(inputs[calls % inputs.length] as T) === undefined ? 0 : 1
  }
  if (sink === 42) console.log('') // keeps the calls observable
  return calls / Math.max(1e-9, cpuSeconds() - startCpu)
}

/** Times `fn` `runs` times after `warmup` runs; returns the sorted durations in ms. */
export async function timings(fn: () => unknown, runs = 20, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out.sort((a, b) => a - b)
}

/** The q-quantile (0..1) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[i] as number
}

/** Whether `value` meets a target written as `≥ N` or `≤ N`. */
export function meets(value: number, target: string | undefined): boolean | undefined {
  const m = target?.match(/^([≥≤])\s*([\d.e+-]+)/)
  if (!m) return undefined
  const bound = Number(m[2])
  return m[1] === '≥' ? value >= bound : value <= bound
}
