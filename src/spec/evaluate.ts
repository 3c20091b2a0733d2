/**
 * Evaluators: a compiled spec is a tree of closures over one item. They run synchronously when every reward is
 * synchronous (the hot path: no promise is made) and continue asynchronously from the first reward that is not.
 */
import {
  type AnyRewardDefinition,
  type RewardOutput,
  type RewardReason,
  type RewardServices,
  runReward,
  type ScoreError,
  type ScoreItem,
} from '../core/index.js'
import { routeValue } from './scope.js'

/**
 * A component's position in the spec's `componentKeys`. Evaluators are built before the spec's key order is known
 * (keys are collected bottom-up), so they hold a slot that compilation numbers at the end; nodes that write the
 * same key (route cases) share one slot.
 */
export interface Slot {
  index: number
}

/** What evaluating one item accumulates beside the score. */
export interface EvalState {
  /** component values by slot (the spec's `componentKeys` order); 0 where a component did not apply */
  comps: Float64Array
  valid: boolean
  /** the first reason that is not `ok`, tagged with its component */
  reason: (RewardReason & { component: string }) | undefined
  error: ScoreError | undefined
  /** the route case taken, when the spec routes */
  route: string | undefined
  signal: AbortSignal | undefined
  /** outputs of group rewards for this item, by component key, computed over its whole group beforehand */
  group: ReadonlyMap<string, RewardOutput> | undefined
}

export type Evaluator = (item: ScoreItem, st: EvalState) => number | Promise<number>

const FAILURES = new Set(['timeout', 'reward_error'])

export function leafEvaluator(
  def: AnyRewardDefinition,
  params: unknown,
  key: string,
  subs: readonly string[],
  services: RewardServices,
  slot: (key: string) => Slot,
): Evaluator {
  const own = slot(key)
  const subSlots = subs.map((s) => [s, slot(`${key}.${s}`)] as const)
  const record = (out: RewardOutput, st: EvalState): number => {
    st.comps[own.index] = out.score
    for (const [sub, at] of subSlots) st.comps[at.index] = out.components?.[sub] ?? 0
    if (!out.valid) st.valid = false
    if (out.reason.code !== 'ok' && st.reason === undefined) st.reason = { ...out.reason, component: key }
    if (FAILURES.has(out.reason.code) && st.error === undefined) {
      const message =
        out.reason.code === 'timeout'
          ? `${key} timed out after ${out.reason.ms} ms`
          : `${key}: ${'message' in out.reason ? out.reason.message : ''}`
      st.error = { code: out.reason.code, message }
    }
    return out.score
  }
  const plain = { services } // the context of every call without a deadline signal: made once, not per item
  return (item, st) => {
    const pre = st.group?.get(key)
    if (pre) return record(pre, st)
    const context = st.signal ? { services, signal: st.signal } : plain
    const out = runReward(def, params, item, context)
    return out instanceof Promise ? out.then((o) => record(o, st)) : record(out, st)
  }
}

export type NodePlan =
  | { kind: 'sum' | 'mean' | 'product' | 'min' | 'max'; children: Evaluator[]; weights: number[] }
  | { kind: 'gate'; when: Evaluator; open: Evaluator; atLeast: number; otherwise: number }
  | { kind: 'clamp'; inner: Evaluator; lo: number; hi: number }
  | { kind: 'route'; by: string; cases: ReadonlyMap<string, Evaluator>; fallback: Evaluator | undefined }

const then = <T, U>(x: T | Promise<T>, f: (t: T) => U | Promise<U>): U | Promise<U> =>
  x instanceof Promise ? x.then(f) : f(x)

type Fold = (acc: number, value: number, weight: number) => number
const FOLDS: Record<'sum' | 'mean' | 'product' | 'min' | 'max', { init: number; step: Fold }> = {
  sum: { init: 0, step: (a, v, w) => a + v * w },
  mean: { init: 0, step: (a, v, w) => a + v * w },
  product: { init: 1, step: (a, v) => a * v },
  min: { init: Number.POSITIVE_INFINITY, step: (a, v) => Math.min(a, v) },
  max: { init: Number.NEGATIVE_INFINITY, step: (a, v) => Math.max(a, v) },
}

/** Folds children left to right; switches to async at the first child that returns a promise. */
function fold(children: Evaluator[], weights: number[], step: Fold, init: number, item: ScoreItem, st: EvalState) {
  let acc = init
  for (let i = 0; i < children.length; i++) {
    const v = (children[i] as Evaluator)(item, st)
    if (v instanceof Promise) return rest(i, v, acc)
    acc = step(acc, v, weights[i] as number)
  }
  return acc
  async function rest(i: number, pending: Promise<number>, acc0: number): Promise<number> {
    let a = step(acc0, await pending, weights[i] as number)
    for (let j = i + 1; j < children.length; j++)
      a = step(a, await (children[j] as Evaluator)(item, st), weights[j] as number)
    return a
  }
}

function planEvaluator(plan: NodePlan): Evaluator {
  switch (plan.kind) {
    case 'sum':
    case 'product':
    case 'min':
    case 'max': {
      const { init, step } = FOLDS[plan.kind]
      return (item, st) => fold(plan.children, plan.weights, step, init, item, st)
    }
    case 'mean': {
      const total = plan.weights.reduce((a, b) => a + b, 0)
      return (item, st) => then(fold(plan.children, plan.weights, FOLDS.mean.step, 0, item, st), (s) => s / total)
    }
    case 'gate':
      return (item, st) => then(plan.when(item, st), (w) => (w >= plan.atLeast ? plan.open(item, st) : plan.otherwise))
    case 'clamp':
      return (item, st) => then(plan.inner(item, st), (v) => Math.min(plan.hi, Math.max(plan.lo, v)))
    case 'route':
      return (item, st) => {
        const value = routeValue(item, plan.by)
        const ev = value === undefined ? plan.fallback : (plan.cases.get(value) ?? plan.fallback)
        if (!ev) {
          st.valid = false
          st.error ??= {
            code: 'no_route',
            message: `no case for ${plan.by} ${JSON.stringify(value ?? null)} and no default; cases: ${[...plan.cases.keys()].join(', ')}`,
          }
          return 0
        }
        st.route = value !== undefined && plan.cases.has(value) ? value : 'default'
        return ev(item, st)
      }
  }
}

/** An evaluator for a composite node; a named node also writes its value as a component. */
export function nodeEvaluator(plan: NodePlan, name: Slot | undefined): Evaluator {
  const ev = planEvaluator(plan)
  if (name === undefined) return ev
  return (item, st) =>
    then(ev(item, st), (v) => {
      st.comps[name.index] = v
      return v
    })
}
