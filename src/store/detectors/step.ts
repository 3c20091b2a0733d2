/**
 * Detectors over a run's per-step aggregates (re-run after each ingest): reward-length correlation drift and
 * components that collapse. Each returns the steps that trip it; the store links each finding to the rollouts
 * that show it (the longest well-scored ones, or the collapsed step's rollouts).
 */
import type { StepMoment } from '../types.js'

export interface StepFinding {
  step: number
  summary: string
  /** for collapse: the component key */
  key?: string
}

/** Steps needed before drift is judged, and the rise in Pearson r that counts as drift. */
const BASELINE_STEPS = 2
const DRIFT = 0.3
const STRONG = 0.5

/**
 * Steps where the length–reward correlation is strong (r ≥ 0.5) and has risen by ≥ 0.3 over the mean of the first
 * finite steps (the baseline): the policy is being paid for length.
 * @example lengthCorrelationDrift([0, 1, 2, 3], [0.05, 0.1, 0.3, 0.7]).map((f) => f.step) //= [3]
 */
export function lengthCorrelationDrift(steps: readonly number[], corr: readonly number[]): StepFinding[] {
  const base: number[] = []
  let from = 0
  for (; from < corr.length && base.length < BASELINE_STEPS; from++)
    if (Number.isFinite(corr[from])) base.push(corr[from] as number)
  if (base.length < BASELINE_STEPS) return []
  const b = base.reduce((s, v) => s + v, 0) / base.length
  const out: StepFinding[] = []
  for (let i = from; i < corr.length; i++) {
    const r = corr[i] as number
    if (Number.isFinite(r) && r >= STRONG && r - b >= DRIFT)
      out.push({
        step: steps[i] as number,
        summary: `length–reward correlation r = ${r.toFixed(2)} (first steps: ${b.toFixed(2)})`,
      })
  }
  return out
}

/**
 * Steps where a component that used to vary (std ≥ 0.05 at an earlier step) has collapsed to one value across
 * at least 16 rollouts (std < 1e-3): it no longer separates good from bad rollouts.
 * @example componentCollapse([0, 1], { iou: [{ n: 32, mean: 0.5, std: 0.2 }, { n: 32, mean: 1, std: 0 }] })[0]?.step //= 1
 */
export function componentCollapse(steps: readonly number[], components: Record<string, StepMoment[]>): StepFinding[] {
  const out: StepFinding[] = []
  for (const [key, series] of Object.entries(components)) {
    let varied = false
    for (let i = 0; i < series.length; i++) {
      const m = series[i] as StepMoment
      if (m.n >= 2 && m.std >= 0.05) varied = true
      else if (varied && m.n >= 16 && m.std < 1e-3)
        out.push({
          step: steps[i] as number,
          key,
          summary: `component "${key}" collapsed to ${m.mean.toFixed(3)} for all ${m.n} rollouts`,
        })
    }
  }
  return out
}
