/**
 * The reward spec language (interfaces.md §2): one zod schema, from which validation errors and the JSON Schema
 * for editors both come. A spec is a tree of nodes; each node is one reward or one way to combine nodes.
 */
import { z } from 'zod'

const common = {
  name: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'a component name: letters, digits, "_", "-", "."')
    .optional()
    .describe('component key for this node in every result (default: the reward id)'),
  weight: z.number().finite().optional().describe('multiplies this node inside a `sum` or `mean` (default 1)'),
}

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
  const list = (what: string) => z.array(z.lazy(child)).min(1, `${what} needs at least one node`)
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
          .object({
            when: z.lazy(child).describe('the condition, e.g. a format reward'),
            atLeast: z.number().finite().default(1).describe('the gate opens when `when` scores at least this'),
            then: z.lazy(child).describe('scored only when the gate is open'),
            otherwise: z.number().finite().default(0).describe('the score when the gate is closed'),
          })
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
          .object({
            by: z
              .string()
              .regex(/^(task|meta\.[A-Za-z0-9_.-]+)$/, '"task" or "meta.<key>"')
              .default('task')
              .describe('the item field that selects the case: "task" (verl data_source) or "meta.<key>"'),
            cases: z.record(z.string(), z.lazy(child)).describe('one node per value of the routing field'),
            default: z.lazy(child).optional().describe('for values with no case; without it, such items are errors'),
          })
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
