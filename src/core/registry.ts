import { z } from 'zod'
import type { AnyRewardDefinition, RewardNeeds } from './define-reward.js'
import { DuplicateRewardError, UnknownRewardError } from './errors.js'

/** A named group of rewards (geometry, text, math, ...). */
export interface RewardPack {
  name: string
  rewards: readonly AnyRewardDefinition[]
}

/** What `sightline rewards --json` and `GET /v1/rewards` show of one reward; derived, never kept by hand. */
export interface RewardMeta {
  id: string
  version: number
  summary: string
  source: string
  pack: string
  needs: RewardNeeds
  range: readonly [number, number]
  /** JSON Schema of the params (input side: what a spec may write) */
  params: unknown
  /** sub-score keys under the default params */
  components: readonly string[]
}

export interface RewardRegistry {
  get(id: string): AnyRewardDefinition
  has(id: string): boolean
  readonly ids: readonly string[]
  packOf(id: string): string
  list(): readonly RewardMeta[]
}

/** Builds a registry from packs; throws on a duplicate id, naming both packs. */
export function createRegistry(packs: readonly RewardPack[]): RewardRegistry {
  const byId = new Map<string, { def: AnyRewardDefinition; pack: string }>()
  for (const pack of packs) {
    for (const def of pack.rewards) {
      const seen = byId.get(def.id)
      if (seen) throw new DuplicateRewardError(def.id, seen.pack, pack.name)
      byId.set(def.id, { def, pack: pack.name })
    }
  }
  const ids = Object.freeze([...byId.keys()].sort())
  let metas: readonly RewardMeta[] | undefined
  const entry = (id: string) => {
    const e = byId.get(id)
    if (!e) throw new UnknownRewardError(id, ids)
    return e
  }
  return {
    ids,
    has: (id) => byId.has(id),
    get: (id) => entry(id).def,
    packOf: (id) => entry(id).pack,
    list() {
      metas ??= ids.map((id) => rewardMeta(entry(id).def, entry(id).pack))
      return metas
    },
  }
}

function rewardMeta(def: AnyRewardDefinition, pack: string): RewardMeta {
  const defaults = def.params.safeParse({})
  return {
    id: def.id,
    version: def.version,
    summary: def.summary,
    source: def.source,
    pack,
    needs: def.needs,
    range: def.range,
    params: z.toJSONSchema(def.params, { io: 'input', unrepresentable: 'any' }),
    components: defaults.success && def.components ? def.components(defaults.data) : [],
  }
}
