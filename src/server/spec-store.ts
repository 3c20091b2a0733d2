/** The specs a server scores with: its `--spec`, and inline specs from requests, compiled once and cached. */
import { ConfigError, type RewardRegistry, type RewardServices } from '../core/index.js'
import { type CompiledSpec, compileSpec, type ParsedSpec, parseSpec, parseSpecText } from '../spec/index.js'
import { badRequest, HttpError } from './errors.js'
import type { ScoringSpec } from './scoring.js'

export interface ServedSpec extends ScoringSpec {
  /**
   * what `/v1/score` echoes beside the results: reward ids, versions, params, the component keys, and the routes
   * each routed component sits under (`scopes`: a client tells from them which components apply to an item)
   */
  readonly provenance: {
    rewards: CompiledSpec['rewards']
    componentKeys: readonly string[]
    scopes: CompiledSpec['scopes']
  }
}

const INLINE_CACHE = 64

function serve(
  parsed: ParsedSpec,
  text: string,
  registry: RewardRegistry,
  source: string,
  services: RewardServices,
): ServedSpec {
  const compiled = compileSpec(parsed, registry, { source, services })
  const provenance = { rewards: compiled.rewards, componentKeys: compiled.componentKeys, scopes: compiled.scopes }
  return { compiled, text, source, provenance }
}

export class SpecStore {
  private readonly inline = new Map<string, ServedSpec>()
  private readonly fallback: ServedSpec | undefined
  private readonly registry: RewardRegistry
  private readonly services: RewardServices
  constructor(
    registry: RewardRegistry,
    {
      specText,
      source = 'spec',
      services = {},
    }: { specText?: string | undefined; source?: string; services?: RewardServices } = {},
  ) {
    this.registry = registry
    this.services = services
    // the server's own spec is compiled at setup: a bad --spec fails at start, never at request time
    this.fallback =
      specText === undefined ? undefined : serve(parseSpecText(specText, source), specText, registry, source, services)
  }

  get hasDefault(): boolean {
    return this.fallback !== undefined
  }

  /** The inline spec when given (parsed, compiled and cached by its JSON text), else the server's spec. */
  resolve(inline: unknown): ServedSpec {
    if (inline === undefined) {
      if (this.fallback) return this.fallback
      throw new HttpError(
        400,
        'no_spec',
        'this server has no --spec; send one inline as "spec", e.g. {"spec": {"reward": "mcq"}, "items": [...]}',
      )
    }
    const key = JSON.stringify(inline)
    const hit = this.inline.get(key)
    if (hit) {
      this.inline.delete(key)
      this.inline.set(key, hit)
      return hit
    }
    let served: ServedSpec
    try {
      served = serve(parseSpec(inline, 'inline spec'), key, this.registry, 'inline spec', this.services)
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e
      // paths in the request body: `spec.sum[1].params.threshold`
      const issues = e.issues.map((i) => ({ path: i.path ? `spec.${i.path}` : 'spec', message: i.message }))
      throw badRequest(issues, 'invalid_spec')
    }
    if (this.inline.size >= INLINE_CACHE) this.inline.delete(this.inline.keys().next().value as string)
    this.inline.set(key, served)
    return served
  }
}
