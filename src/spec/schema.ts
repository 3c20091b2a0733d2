/**
 * The reward spec language (interfaces.md §2): one zod schema, from which validation errors and the JSON Schema
 * for editors both come. A spec is a tree of nodes; each node is one reward or one way to combine nodes.
 */
import { z } from 'zod'
import { quoteValue } from '../core/index.js'

const common = {
  name: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'a component name: letters, digits, "_", "-", "."')
    .optional()
    .describe('component key for this node in every result (default: the reward id)'),
  weight: z.number().finite().optional().describe('multiplies this node inside a `sum` or `mean` (default 1)'),
}

/**
 * The zod `error` option of a field: "missing (expected …)" when it is absent, "expected …, got <value>" when it
 * has the wrong type or form, "unknown key …" for a key it does not have (other issues keep their own text), so
 * spec errors say what was expected in words rather than in the validator's types.
 */
function expected(what: string) {
  return {
    error: (issue: { code?: string; input?: unknown; keys?: readonly string[] }) => {
      if (issue.code === 'unrecognized_keys')
        return `unknown key ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')} (expected ${what})`
      if (issue.code !== 'invalid_type' && issue.code !== 'invalid_format') return undefined
      return issue.input === undefined
        ? `missing (expected ${what})`
        : `expected ${what}, got ${quoteValue(issue.input)}`
    },
  }
}

const SPEC_NODE = 'a spec node'
const ROUTE_BY = '"task" or "meta.<key>"'

export const RewardNodeSchema = z
  .object({
    reward: z.string().describe('a registered reward id, e.g. "box-iou" (see `sightline rewards`)'),
    params: z.record(z.string(), z.unknown()).optional().describe("the reward's params; defaults apply"),
    ...common,
  })
  .strict()

export type SpecNode =
  | z.infer<typeof RewardNodeSchema>
  | { sum: SpecNode[]; name?: string | undefined; weight?: number | undefined }
  | { mean: SpecNode[]; name?: string | undefined; weight?: number | undefined }
  | { product: SpecNode[]; name?: string | undefined; weight?: number | undefined }
  | { min: SpecNode[]; name?: string | undefined; weight?: number | undefined }
  | { max: SpecNode[]; name?: string | undefined; weight?: number | undefined }
  | { gate: GateSpec; name?: string | undefined; weight?: number | undefined }
  | {
      clamp: SpecNode
      lo?: number | undefined
      hi?: number | undefined
      name?: string | undefined
      weight?: number | undefined
    }
  | { route: RouteSpec; name?: string | undefined; weight?: number | undefined }

export interface GateSpec {
  when: SpecNode
  atLeast?: number | undefined
  then: SpecNode
  otherwise?: number | undefined
}

export interface RouteSpec {
  by?: string | undefined
  cases: Record<string, SpecNode>
  default?: SpecNode | undefined
}

/**
 * The node schemas, built around `child` (the schema of a nested node). The full schema nests itself; the spec
 * parser uses shallow copies (`child` = unknown) and recurses by hand, so each error names the innermost node.
 */
function nodeSchemas(child: () => z.ZodType) {
  const list = (what: string) =>
    z.array(z.lazy(child), expected('a list of spec nodes')).min(1, `${what} needs at least one node`)
  const node = () => z.lazy(child).nonoptional(expected(SPEC_NODE))
  return {
    reward: RewardNodeSchema,
    sum: z.object({ sum: list('sum').describe('Σ weight·score of its nodes'), ...common }).strict(),
    mean: z.object({ mean: list('mean').describe('Σ weight·score / Σ weight'), ...common }).strict(),
    product: z.object({ product: list('product').describe('the product of its scores'), ...common }).strict(),
    min: z.object({ min: list('min').describe('the lowest score'), ...common }).strict(),
    max: z.object({ max: list('max').describe('the highest score'), ...common }).strict(),
    gate: z
      .object({
        gate: z
          .object(
            {
              when: node().describe('the condition, e.g. a format reward'),
              atLeast: z.number().finite().default(1).describe('the gate opens when `when` scores at least this'),
              then: node().describe('scored only when the gate is open'),
              otherwise: z.number().finite().default(0).describe('the score when the gate is closed'),
            },
            expected('an object {when, then, atLeast?, otherwise?}'),
          )
          .strict(),
        ...common,
      })
      .strict(),
    clamp: z
      .object({
        clamp: z.lazy(child).describe('the node to clamp'),
        lo: z.number().finite().optional().describe('lower bound'),
        hi: z.number().finite().optional().describe('upper bound'),
        ...common,
      })
      .strict(),
    route: z
      .object({
        route: z
          .object(
            {
              by: z
                .string(expected(ROUTE_BY))
                .regex(/^(task|meta\.[A-Za-z0-9_.-]+)$/, expected(ROUTE_BY))
                .default('task')
                .describe('the item field that selects the case: "task" (verl data_source) or "meta.<key>"'),
              cases: z
                .record(z.string(), z.lazy(child), expected('an object mapping task values to spec nodes'))
                .describe('one node per value of the routing field'),
              default: z.lazy(child).optional().describe('for values with no case; without it, such items are errors'),
            },
            expected('an object {cases, by?, default?}'),
          )
          .strict(),
        ...common,
      })
      .strict(),
  }
}

/** The operator keys; a node has exactly one of them. */
export const NODE_KINDS = ['reward', 'sum', 'mean', 'product', 'min', 'max', 'gate', 'clamp', 'route'] as const
export type NodeKind = (typeof NODE_KINDS)[number]

/** Shallow node schemas: nested nodes are left unchecked, for the parser to recurse into. */
export const SHALLOW_NODE_SCHEMAS: Record<NodeKind, z.ZodType> = nodeSchemas(() => z.unknown())

/** The full recursive schema of a node (for JSON Schema). */
export const SpecNodeSchema: z.ZodType<SpecNode> = z.union(
  Object.values(nodeSchemas(() => SpecNodeSchema)) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]],
) as z.ZodType<SpecNode>

/** Top-level extras a spec file may carry beside its root node. */
export const SpecMetaSchema = z.object({
  $schema: z.string().optional(),
  description: z.string().optional(),
  onError: z
    .number()
    .finite()
    .default(0)
    .describe('the score of an item whose reward failed (timeout, judge down); the item also gets `error`'),
})
export type SpecMeta = z.infer<typeof SpecMetaSchema>
