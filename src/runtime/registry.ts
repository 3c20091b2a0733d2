import { pathToFileURL } from 'node:url'
import { ConfigError, createRegistry, type RewardPack, type RewardRegistry } from '../core/index.js'
import { type CompiledSpec, compileSpec, parseSpecText } from '../spec/index.js'

/**
 * A plugin is an ES module that exports `packs: RewardPack[]`: rewards of your own, scored beside the built-in
 * ones (and in every worker, which loads the same modules). A path (relative to the working directory) or URL.
 */
export type PluginModule = string

const registries = new Map<string, Promise<RewardRegistry>>()

function toUrl(plugin: string): string {
  return /^(file|data|node):/.test(plugin) ? plugin : pathToFileURL(plugin).href
}

async function load(plugins: readonly PluginModule[]): Promise<RewardRegistry> {
  // imported here, not at the top: a thread that never compiles a spec (the CLI's main thread beside its
  // workers) never loads the rewards
  const { builtinPacks } = await import('../rewards/packs.js')
  const packs: RewardPack[] = [...builtinPacks]
  for (const plugin of plugins) {
    let mod: { packs?: unknown }
    try {
      mod = (await import(toUrl(plugin))) as { packs?: unknown }
    } catch (e) {
      throw new ConfigError(`plugin ${plugin}`, [{ path: '', message: `cannot load: ${(e as Error).message}` }])
    }
    if (!Array.isArray(mod.packs))
      throw new ConfigError(`plugin ${plugin}`, [
        {
          path: 'packs',
          message: 'expected an exported array of reward packs: export const packs = [{name, rewards}]',
        },
      ])
    packs.push(...(mod.packs as RewardPack[]))
  }
  return createRegistry(packs)
}

/** The built-in rewards plus the plugins' packs; built once per list of plugins (throws on duplicate ids). */
export function loadRegistry(plugins: readonly PluginModule[] = []): Promise<RewardRegistry> {
  const key = plugins.join('\n')
  let found = registries.get(key)
  if (!found) {
    found = load(plugins)
    registries.set(key, found)
    found.catch(() => registries.delete(key))
  }
  return found
}

/** What a caller needs to know of a compiled spec without compiling it in its own thread (see `ScoringPool.compile`). */
export interface SpecSummary {
  componentKeys: readonly string[]
  rewards: CompiledSpec['rewards']
  async: boolean
  judged: CompiledSpec['judged']
}

export function summarize(spec: CompiledSpec): SpecSummary {
  return { componentKeys: spec.componentKeys, rewards: spec.rewards, async: spec.async, judged: spec.judged }
}

/** A small cache of compiled specs keyed by (plugins, source, text): each thread compiles a spec once. */
export class SpecCache {
  private readonly specs = new Map<string, CompiledSpec>()
  private readonly max: number
  constructor(max = 32) {
    this.max = max
  }

  async get(text: string, source: string, plugins: readonly PluginModule[]): Promise<CompiledSpec> {
    const key = `${plugins.join('\n')}\0${source}\0${text}`
    const hit = this.specs.get(key)
    if (hit) return hit
    const registry = await loadRegistry(plugins)
    const spec = compileSpec(parseSpecText(text, source), registry, { source })
    if (this.specs.size >= this.max) this.specs.delete(this.specs.keys().next().value as string)
    this.specs.set(key, spec)
    return spec
  }
}
