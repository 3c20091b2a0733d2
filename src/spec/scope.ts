/**
 * Which components apply to an item. A component under a `route` case applies only to the items the route sends
 * to that case (or to its default, for one under the default); for every other item it is 0 by construction, not
 * a score, and a summary, a metric or a TRL reward function that counted it would mix other tasks' zeros into its
 * mean. Decided by the item's route values alone, like the routes themselves, so a closed gate above a route does
 * not change it (a failed format still counts as a 0 of its task's accuracy).
 */
import type { ScoreItem } from '../core/index.js'

/** One route a component sits under: it applies when the item's value of `by` selects a case holding it. */
export interface RouteCondition {
  /** what the route reads: `task` or `meta.<key>` */
  by: string
  /** every case value of that route */
  cases: readonly string[]
  /** the case values whose nodes write the component */
  in: readonly string[]
  /** whether the route's default writes it */
  default: boolean
}

/** By component key, the routes it sits under (all must select it); a key under no route always applies. */
export type ComponentScopes = Readonly<Record<string, readonly RouteCondition[]>>

/** A route as compilation records it: the component keys each case (and the default) writes. */
export interface RouteKeys {
  by: string
  cases: ReadonlyMap<string, ReadonlySet<string>>
  fallback: ReadonlySet<string> | undefined
}

/** The value an item routes on (`task`, or a `meta` field as a string); undefined when it has none. */
export function routeValue(item: ScoreItem, by: string): string | undefined {
  const v = by === 'task' ? item.task : item.meta?.[by.slice('meta.'.length)]
  return v === undefined || v === null ? undefined : String(v)
}

/** The scopes of a spec's keys from its routes (outermost first). */
export function componentScopes(routes: readonly RouteKeys[]): ComponentScopes {
  const scopes: Record<string, RouteCondition[]> = {}
  for (const r of routes) {
    const cases = [...r.cases.keys()]
    const keys = new Set([...r.cases.values(), r.fallback ?? []].flatMap((s) => [...s]))
    for (const key of keys) {
      const condition = {
        by: r.by,
        cases,
        in: cases.filter((c) => r.cases.get(c)?.has(key)),
        default: r.fallback?.has(key) ?? false,
      }
      scopes[key] = [...(scopes[key] ?? []), condition]
    }
  }
  return scopes
}

/**
 * Per item, 1 by slot (the spec's `componentKeys` order) where the component applies and 0 where it does not,
 * in one mask the reader reuses (valid until its next call); undefined for a spec whose components all apply to
 * every item (no route). Each route is read once per item, and its decision is a mask over the slots built
 * beforehand for each of its case values.
 */
export function scopeReader({
  componentKeys,
  scopes,
}: {
  readonly componentKeys: readonly string[]
  readonly scopes: ComponentScopes
}): ((item: ScoreItem) => Uint8Array) | undefined {
  // routes, told apart by what they read and their cases; each with one mask per case value and one for the rest
  const routes = new Map<string, { by: string; masks: Map<string, Uint8Array>; other: Uint8Array }>()
  componentKeys.forEach((key, slot) => {
    for (const c of scopes[key] ?? []) {
      const id = JSON.stringify([c.by, c.cases])
      let r = routes.get(id)
      if (!r) {
        const ones = () => new Uint8Array(componentKeys.length).fill(1)
        r = { by: c.by, masks: new Map(c.cases.map((v) => [v, ones()])), other: ones() }
        routes.set(id, r)
      }
      for (const [v, mask] of r.masks) if (!c.in.includes(v)) mask[slot] = 0
      if (!c.default) r.other[slot] = 0
    }
  })
  if (routes.size === 0) return undefined
  const list = [...routes.values()]
  const n = componentKeys.length
  const into = new Uint8Array(n)
  return (item) => {
    into.fill(1)
    for (const r of list) {
      const v = routeValue(item, r.by)
      const mask = (v === undefined ? undefined : r.masks.get(v)) ?? r.other
      for (let i = 0; i < n; i++) into[i] = (into[i] as number) & (mask[i] as number)
    }
    return into
  }
}
