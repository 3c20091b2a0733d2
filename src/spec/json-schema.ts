import { z } from 'zod'
import type { RewardRegistry } from '../core/index.js'
import { SpecMetaSchema, SpecNodeSchema } from './schema.js'

/** Adds `allOf: [$ref rewardParams]` to every object schema that has a `reward` property (the reward nodes). */
function attachParams(schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const v of schema) attachParams(v)
    return
  }
  if (typeof schema !== 'object' || schema === null) return
  const s = schema as Record<string, unknown>
  const props = s.properties as Record<string, unknown> | undefined
  if (props && 'reward' in props) s.allOf = [{ $ref: '#/$defs/rewardParams' }]
  for (const v of Object.values(s)) attachParams(v)
}

/**
 * The JSON Schema of a spec file, from the same zod schemas that validate it, with each registered reward's
 * params attached to every reward node (if `reward` is X then `params` follows X's schema), for editors.
 */
export function specJsonSchema(registry: RewardRegistry): Record<string, unknown> {
  const node = z.toJSONSchema(SpecNodeSchema, { io: 'input', unrepresentable: 'any', cycles: 'ref' }) as Record<
    string,
    unknown
  >
  const meta = z.toJSONSchema(SpecMetaSchema, { io: 'input' }) as { properties?: Record<string, unknown> }
  const { $schema: _drop, $defs, ...root } = node
  attachParams(root)
  attachParams($defs)
  const rewardParams = {
    allOf: registry.list().map((m) => ({
      if: { properties: { reward: { const: m.id } }, required: ['reward'] },
      then: { properties: { params: m.params } },
    })),
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Sightline reward spec',
    description: 'A tree of rewards and ways to combine them (interfaces.md §2).',
    $defs: { ...($defs as object | undefined), rewardParams },
    anyOf: [root, { type: 'string', description: 'a reward id' }],
    properties: meta.properties,
  }
}
