import { z } from 'zod'
import type { RewardRegistry } from '../core/index.js'
import { SpecMetaSchema, SpecNodeSchema } from './schema.js'

type Json = Record<string, unknown>
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Walks a generated schema: adds `allOf: [$ref rewardParams]` and the id enum to every reward node (an object
 * schema with a `reward` property), and points recursion (`$ref: "#"`, the document root, which also allows the
 * top-level keys) at `#/$defs/node` instead.
 */
function rework(schema: unknown, ids: readonly string[]): void {
  if (Array.isArray(schema)) {
    for (const v of schema) rework(v, ids)
    return
  }
  if (!isJson(schema)) return
  if (schema.$ref === '#') schema.$ref = '#/$defs/node'
  const props = schema.properties
  if (isJson(props) && isJson(props.reward)) {
    props.reward.enum = [...ids]
    schema.allOf = [{ $ref: '#/$defs/rewardParams' }]
  }
  for (const v of Object.values(schema)) rework(v, ids)
}

/** A reward's params schema for a spec: unknown params are rejected (as the compiler does) unless it allows them. */
function paramsSchema(params: unknown): unknown {
  if (!isJson(params)) return params
  const { $schema: _drop, ...rest } = params
  return rest.type === 'object' && !('additionalProperties' in rest) ? { ...rest, additionalProperties: false } : rest
}

/**
 * The JSON Schema of a spec file, from the same zod schemas that validate it, with each registered reward's
 * params attached to every reward node (if `reward` is X then `params` follows X's schema), for editors.
 *
 * A nested node is `#/$defs/node`: one of the node objects, or a reward id. The document itself is one of the
 * same objects with the top-level keys (`$schema`, `description`, `onError`) allowed beside the node's own, or a
 * reward id; each object keeps `additionalProperties: false`, so a misspelt key still fails.
 */
export function specJsonSchema(registry: RewardRegistry): Json {
  const generated = z.toJSONSchema(SpecNodeSchema, { io: 'input', unrepresentable: 'any', cycles: 'ref' }) as Json
  const meta = z.toJSONSchema(SpecMetaSchema, { io: 'input' }) as { properties?: Json }
  const { $schema: _drop, $defs, ...root } = generated
  rework(root, registry.ids)
  rework($defs, registry.ids)
  const variants = (Array.isArray(root.anyOf) ? root.anyOf : [root]) as Json[]
  const rewardId = { type: 'string', enum: [...registry.ids], description: 'a reward id (see `sightline rewards`)' }
  const rewardParams = {
    allOf: registry.list().map((m) => ({
      if: { properties: { reward: { const: m.id } }, required: ['reward'] },
      then: { properties: { params: paramsSchema(m.params) } },
    })),
  }
  const topLevel = variants.map((v) => ({ ...v, properties: { ...(v.properties as Json), ...meta.properties } }))
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Sightline reward spec',
    description: 'A tree of rewards and ways to combine them (interfaces.md §2).',
    $defs: { ...($defs as Json | undefined), node: { anyOf: [...variants, rewardId] }, rewardParams },
    anyOf: [...topLevel, rewardId],
  }
}
