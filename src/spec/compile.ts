import {
  type AnyRewardDefinition,
  ConfigError,
  type ConfigIssue,
  formatPath,
  type RewardNeeds,
  type RewardRegistry,
  type RewardServices,
  UnknownRewardError,
} from '../core/index.js'
import { type Evaluator, leafEvaluator, nodeEvaluator, type Slot } from './evaluate.js'
import type { ParsedSpec } from './parse.js'
import type { SpecNode } from './schema.js'
import { type ComponentScopes, componentScopes, type RouteKeys } from './scope.js'

/** What one leaf of a compiled spec runs: stored with results so a score can be traced to its code. */
export interface RewardProvenance {
  /** the component key */
  key: string
  rewardId: string
  rewardVersion: number
  /** the params after defaults */
  params: unknown
}

export interface CompileOptions {
  /** names the spec in errors (a file path, or "inline spec") */
  source?: string
  services?: RewardServices
}

/** A spec checked against the registry and turned into evaluators; what scoring runs. */
export interface CompiledSpec {
  readonly componentKeys: readonly string[]
  readonly rewards: readonly RewardProvenance[]
  /** whether any reward is asynchronous (judges): then `score` returns promises */
  readonly async: boolean
  /** the union of the rewards' needs */
  readonly needs: RewardNeeds
  /** ids of the rewards that need a judge model (`needs.judge`), without repeats */
  readonly judged: readonly string[]
  readonly onError: number
  readonly root: Evaluator
  /** rewards scored over whole GRPO groups before the per-item pass (`needs.group`) */
  readonly groupLeaves: readonly GroupLeaf[]
  readonly services: RewardServices
  /** the routes each component sits under, by key (absent: it applies to every item); see scope.ts */
  readonly scopes: ComponentScopes
}

export interface GroupLeaf {
  key: string
  def: AnyRewardDefinition
  params: unknown
}

type Path = readonly (string | number)[]

interface Ctx {
  registry: RewardRegistry
  issues: ConfigIssue[]
  rewards: RewardProvenance[]
  groupLeaves: GroupLeaf[]
  services: RewardServices
  /** one slot per component key, numbered once the spec's key order is known */
  slots: Map<string, Slot>
  /** every route, with the keys each case writes */
  routes: RouteKeys[]
}

function slotOf(ctx: Ctx, key: string): Slot {
  let slot = ctx.slots.get(key)
  if (!slot) {
    slot = { index: -1 }
    ctx.slots.set(key, slot)
  }
  return slot
}

/**
 * Unites the component keys of nodes evaluated together; a key written twice is an error at the node that
 * repeats it. (Route cases may share keys: only one case runs per item.)
 */
function checkDisjoint(sets: readonly { keys: Set<string>; at: Path }[], issues: ConfigIssue[]): Set<string> {
  const all = new Set<string>()
  for (const { keys, at } of sets) {
    const dups = [...keys].filter((k) => all.has(k))
    if (dups.length > 0)
      issues.push({
        path: formatPath(at),
        message: `component ${dups.map((d) => `"${d}"`).join(', ')} already used by another node; give this one a distinct "name"`,
      })
    for (const k of keys) all.add(k)
  }
  return all
}

function compileNode(node: SpecNode, at: Path, ctx: Ctx): { ev: Evaluator; keys: Set<string> } | undefined {
  const ownKey = node.name
  const ownSlot = ownKey === undefined ? undefined : slotOf(ctx, ownKey)
  const withOwn = (keys: Set<string>) => {
    if (ownKey === undefined) return keys
    if (keys.has(ownKey))
      ctx.issues.push({ path: formatPath([...at, 'name']), message: `component "${ownKey}" is already used below` })
    return new Set([...keys, ownKey])
  }
  if ('reward' in node) {
    let def: AnyRewardDefinition
    try {
      def = ctx.registry.get(node.reward)
    } catch (e) {
      if (!(e instanceof UnknownRewardError)) throw e
      ctx.issues.push({ path: formatPath([...at, 'reward']), message: e.message })
      return undefined
    }
    const parsed = def.params.safeParse(node.params ?? {})
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        ctx.issues.push({ path: formatPath([...at, 'params', ...(i.path as PropertyKey[])]), message: i.message })
      return undefined
    }
    const unknown = unknownParams(node.params, parsed.data)
    if (unknown.length > 0) {
      const known = Object.keys(parsed.data as object).join(', ') || 'none'
      for (const k of unknown)
        ctx.issues.push({
          path: formatPath([...at, 'params', k]),
          message: `${def.id} has no param "${k}" (its params: ${known})`,
        })
      return undefined
    }
    const key = ownKey ?? def.id
    const subs = def.components?.(parsed.data) ?? []
    ctx.rewards.push({ key, rewardId: def.id, rewardVersion: def.version, params: parsed.data })
    if (def.needs.group) ctx.groupLeaves.push({ key, def, params: parsed.data })
    const ev = leafEvaluator(def, parsed.data, key, subs, ctx.services, (k) => slotOf(ctx, k))
    return { ev, keys: new Set([key, ...subs.map((s) => `${key}.${s}`)]) }
  }
  const listKind = (['sum', 'mean', 'product', 'min', 'max'] as const).find((k) => k in node)
  if (listKind) {
    const children = (node as Record<typeof listKind, SpecNode[]>)[listKind]
    const compiled = children.map((c, i) => compileNode(c, [...at, listKind, i], ctx))
    const weights = children.map((c, i) => {
      if (c.weight !== undefined && listKind !== 'sum' && listKind !== 'mean')
        ctx.issues.push({
          path: formatPath([...at, listKind, i, 'weight']),
          message: `"weight" applies only inside sum or mean`,
        })
      return c.weight ?? 1
    })
    if (listKind === 'mean' && weights.reduce((a, b) => a + b, 0) === 0)
      ctx.issues.push({ path: formatPath([...at, listKind]), message: 'the weights of a mean must not sum to 0' })
    if (compiled.some((c) => c === undefined)) return undefined
    const ok = compiled as { ev: Evaluator; keys: Set<string> }[]
    const keys = checkDisjoint(
      ok.map((c, i) => ({ keys: c.keys, at: [...at, listKind, i] })),
      ctx.issues,
    )
    return {
      ev: nodeEvaluator({ kind: listKind, children: ok.map((c) => c.ev), weights }, ownSlot),
      keys: withOwn(keys),
    }
  }
  if ('gate' in node) {
    const when = compileNode(node.gate.when, [...at, 'gate', 'when'], ctx)
    const then = compileNode(node.gate.then, [...at, 'gate', 'then'], ctx)
    if (!when || !then) return undefined
    const keys = checkDisjoint(
      [
        { keys: when.keys, at: [...at, 'gate', 'when'] },
        { keys: then.keys, at: [...at, 'gate', 'then'] },
      ],
      ctx.issues,
    )
    const spec = {
      kind: 'gate' as const,
      when: when.ev,
      open: then.ev,
      atLeast: node.gate.atLeast ?? 1,
      otherwise: node.gate.otherwise ?? 0,
    }
    return { ev: nodeEvaluator(spec, ownSlot), keys: withOwn(keys) }
  }
  if ('clamp' in node) {
    const inner = compileNode(node.clamp, [...at, 'clamp'], ctx)
    if (!inner) return undefined
    const lo = node.lo ?? Number.NEGATIVE_INFINITY
    const hi = node.hi ?? Number.POSITIVE_INFINITY
    if (lo > hi) ctx.issues.push({ path: formatPath(at), message: `clamp bounds are empty: lo ${lo} > hi ${hi}` })
    return { ev: nodeEvaluator({ kind: 'clamp', inner: inner.ev, lo, hi }, ownSlot), keys: withOwn(inner.keys) }
  }
  if ('route' in node) {
    const cases = new Map<string, Evaluator>()
    const route = {
      by: node.route.by ?? 'task',
      cases: new Map<string, Set<string>>(),
      fallback: undefined as Set<string> | undefined,
    }
    ctx.routes.push(route)
    const keys = new Set<string>()
    let failed = false
    for (const [value, child] of Object.entries(node.route.cases)) {
      const c = compileNode(child, [...at, 'route', 'cases', value], ctx)
      if (!c) failed = true
      else {
        cases.set(value, c.ev)
        route.cases.set(value, c.keys)
        for (const k of c.keys) keys.add(k)
      }
    }
    let fallback: Evaluator | undefined
    if (node.route.default !== undefined) {
      const d = compileNode(node.route.default, [...at, 'route', 'default'], ctx)
      if (!d) failed = true
      else {
        fallback = d.ev
        route.fallback = d.keys
        for (const k of d.keys) keys.add(k)
      }
    }
    if (failed) return undefined
    return { ev: nodeEvaluator({ kind: 'route', by: route.by, cases, fallback }, ownSlot), keys: withOwn(keys) }
  }
  ctx.issues.push({ path: formatPath(at), message: 'unknown node' })
  return undefined
}

/**
 * Params the reward's schema dropped: zod objects strip keys they do not know, which would let a misspelt param
 * (`relTol` as `reltol`) silently score with the default. Every params object parses to one holding every key it
 * knows (defaults filled in), so a given key missing from the result is one the reward does not have.
 */
function unknownParams(given: unknown, parsed: unknown): string[] {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return []
  if (typeof parsed !== 'object' || parsed === null) return []
  return Object.keys(given).filter((k) => !Object.hasOwn(parsed, k))
}

/**
 * Checks a parsed spec against the registry (ids, params, component keys) and compiles it. Every problem is
 * reported at once, each with its path: `routes.cases.refcoco.sum[1].params.threshold: expected number`.
 */
export function compileSpec(spec: ParsedSpec, registry: RewardRegistry, options: CompileOptions = {}): CompiledSpec {
  const ctx: Ctx = {
    registry,
    issues: [],
    rewards: [],
    groupLeaves: [],
    services: options.services ?? {},
    slots: new Map(),
    routes: [],
  }
  const root = compileNode(spec.root, [], ctx)
  if (!root || ctx.issues.length > 0) throw new ConfigError(options.source ?? 'spec', ctx.issues)
  const defs = ctx.rewards.map((r) => registry.get(r.rewardId))
  const needs: RewardNeeds = {}
  for (const d of defs) for (const [k, v] of Object.entries(d.needs)) if (v) needs[k as keyof RewardNeeds] = true
  const componentKeys = [...root.keys]
  componentKeys.forEach((k, i) => {
    slotOf(ctx, k).index = i
  })
  return {
    componentKeys,
    rewards: ctx.rewards,
    async: defs.some((d) => d.async === true || d.needs.group === true),
    needs,
    judged: [...new Set(defs.filter((d) => d.needs.judge).map((d) => d.id))],
    onError: spec.meta.onError,
    root: root.ev,
    groupLeaves: ctx.groupLeaves,
    services: ctx.services,
    scopes: componentScopes(ctx.routes),
  }
}
