/** The specs a server scores with: its `--spec`, and inline specs from requests, compiled once and cached. */
import { ConfigError, type RewardRegistry, type RewardServices, type ScoreResult } from '../core/index.js'
import {
  type CompiledSpec,
  compileSpec,
  type ParsedSpec,
  parseSpec,
  parseSpecText,
  type SpecNode,
} from '../spec/index.js'
import { badRequest, HttpError } from './errors.js'
import type { ScoringSpec } from './scoring.js'

export interface ServedSpec extends ScoringSpec {
  /** what `/v1/score` echoes beside the results: reward ids, versions, params and the component keys */
  readonly provenance: { rewards: CompiledSpec['rewards']; componentKeys: readonly string[] }
  /** the reward ids that scored a result (those of its route case when the spec routes), for `/metrics` */
  rewardsOf(result: ScoreResult): readonly string[]
}

const INLINE_CACHE = 64

/** Reward ids under a node, in order, without repeats. */
function rewardIds(node: SpecNode, out = new Set<string>()): Set<string> {
  if ('reward' in node) out.add(node.reward)
  else if ('gate' in node) {
    rewardIds(node.gate.when, out)
    rewardIds(node.gate.then, out)
  } else if ('clamp' in node) rewardIds(node.clamp, out)
  else if ('route' in node) {
    for (const c of Object.values(node.route.cases)) rewardIds(c, out)
    if (node.route.default) rewardIds(node.route.default, out)
  } else for (const list of Object.values(node)) if (Array.isArray(list)) for (const c of list) rewardIds(c, out)
  return out
}

function serve(
  parsed: ParsedSpec,
  text: string,
  registry: RewardRegistry,
  source: string,
  services: RewardServices,
): ServedSpec {
  const compiled = compileSpec(parsed, registry, { source, services })
  const all = [...rewardIds(parsed.root)]
  const root = parsed.root
  let rewardsOf: (r: ScoreResult) => readonly string[] = () => all
  if ('route' in root) {
    const byCase = new Map(Object.entries(root.route.cases).map(([k, v]) => [k, [...rewardIds(v)]]))
    const fallback = root.route.default ? [...rewardIds(root.route.default)] : []
    rewardsOf = (r) => {
      const route = (r as { route?: string }).route
      return route === undefined ? [] : (byCase.get(route) ?? fallback)
    }
  }
  const provenance = { rewards: compiled.rewards, componentKeys: compiled.componentKeys }
  return { compiled, text, source, provenance, rewardsOf }
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
