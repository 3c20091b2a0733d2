import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import { ConfigError, type ConfigIssue, formatPath } from '../core/index.js'
import {
  NODE_KINDS,
  type NodeKind,
  SHALLOW_NODE_SCHEMAS,
  type SpecMeta,
  SpecMetaSchema,
  type SpecNode,
} from './schema.js'
import { MAX_SPEC_DEPTH, yamlTooDeep } from './yaml-depth.js'

export interface ParsedSpec {
  root: SpecNode
  meta: SpecMeta
}

type Path = readonly (string | number)[]

const META_KEYS = new Set(Object.keys(SpecMetaSchema.shape))
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function zodIssues(error: z.ZodError, at: Path, issues: ConfigIssue[]): void {
  for (const i of error.issues) {
    issues.push({ path: formatPath([...at, ...(i.path as PropertyKey[])]), message: i.message })
  }
}

/** Validates one node and its children; records problems in `issues` with their full paths. */
function parseNode(value: unknown, at: Path, issues: ConfigIssue[]): SpecNode | undefined {
  if (typeof value === 'string') return { reward: value } // shorthand: a bare reward id
  if (!isObject(value)) {
    issues.push({
      path: formatPath(at),
      message: `expected a node (an object with one of ${NODE_KINDS.join(', ')}, or a reward id), got ${JSON.stringify(value) ?? 'nothing'}`,
    })
    return undefined
  }
  const kinds = NODE_KINDS.filter((k) => k in value)
  if (kinds.length !== 1) {
    issues.push({
      path: formatPath(at),
      message:
        kinds.length === 0
          ? `expected one of ${NODE_KINDS.join(', ')}; found keys ${Object.keys(value).join(', ') || '(none)'}`
          : `a node has exactly one of ${NODE_KINDS.join(', ')}; found ${kinds.join(' and ')}`,
    })
    return undefined
  }
  const kind = kinds[0] as NodeKind
  const shallow = SHALLOW_NODE_SCHEMAS[kind].safeParse(value)
  if (!shallow.success) {
    zodIssues(shallow.error, at, issues)
    return undefined
  }
  const node = shallow.data as Record<string, unknown>
  const child = (v: unknown, ...sub: (string | number)[]) => parseNode(v, [...at, ...sub], issues)
  switch (kind) {
    case 'reward':
      return node as SpecNode
    case 'sum':
    case 'mean':
    case 'product':
    case 'min':
    case 'max': {
      const list = (node[kind] as unknown[]).map((v, i) => child(v, kind, i))
      return { ...node, [kind]: list } as SpecNode
    }
    case 'gate': {
      const g = node.gate as Record<string, unknown>
      return {
        ...node,
        gate: { ...g, when: child(g.when, 'gate', 'when'), then: child(g.then, 'gate', 'then') },
      } as SpecNode
    }
    case 'clamp':
      return { ...node, clamp: child(node.clamp, 'clamp') } as SpecNode
    case 'route': {
      const r = node.route as Record<string, unknown>
      const cases = Object.fromEntries(
        Object.entries(r.cases as Record<string, unknown>).map(([k, v]) => [k, child(v, 'route', 'cases', k)]),
      )
      const parsed: Record<string, unknown> = { ...r, cases }
      if (r.default !== undefined) parsed.default = child(r.default, 'route', 'default')
      return { ...node, route: parsed } as unknown as SpecNode
    }
  }
}

/**
 * Validates a spec document (already decoded from YAML or JSON). Throws one ConfigError listing every problem,
 * each with its path in the document and what was expected.
 */
export function parseSpec(doc: unknown, source = 'spec'): ParsedSpec {
  const issues: ConfigIssue[] = []
  if (!isObject(doc) && typeof doc !== 'string') {
    throw new ConfigError(source, [{ path: '', message: 'expected a spec object, e.g. {"reward": "mcq"}' }])
  }
  const nodePart: Record<string, unknown> = {}
  const metaPart: Record<string, unknown> = {}
  if (isObject(doc)) for (const [k, v] of Object.entries(doc)) (META_KEYS.has(k) ? metaPart : nodePart)[k] = v
  const meta = SpecMetaSchema.safeParse(metaPart)
  if (!meta.success) zodIssues(meta.error, [], issues)
  const root = parseNode(typeof doc === 'string' ? doc : nodePart, [], issues)
  if (issues.length > 0 || !root || !meta.success) throw new ConfigError(source, issues)
  return { root, meta: meta.data }
}

/** Parses spec text, YAML or JSON (JSON is YAML), naming `source` (the file) in every error. */
export function parseSpecText(text: string, source = 'spec'): ParsedSpec {
  const deep = yamlTooDeep(text)
  if (deep !== undefined)
    throw new ConfigError(source, [
      { path: '', message: `nested deeper than ${MAX_SPEC_DEPTH} levels (line ${deep}); flatten it` },
    ])
  let doc: unknown
  try {
    doc = parseYaml(text, { prettyErrors: true, maxAliasCount: 1000 })
  } catch (e) {
    throw new ConfigError(source, [{ path: '', message: `not valid YAML or JSON: ${(e as Error).message}` }])
  }
  return parseSpec(doc, source)
}
