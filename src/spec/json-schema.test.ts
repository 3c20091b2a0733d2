/**
 * The spec JSON Schema accepts exactly what the CLI accepts: each document below is checked by the schema and
 * by the parser and compiler, and both must agree. No JSON Schema validator is installed, so `validate` below
 * implements the keywords the schema uses (and throws on any other, so a new keyword cannot pass unchecked).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { defaultRegistry } from '../rewards/packs.js'
import { compileSpec, parseSpec } from './index.js'
import { specJsonSchema } from './json-schema.js'

type Schema = boolean | Record<string, unknown>
const ANNOTATIONS = new Set(['$schema', '$defs', 'title', 'description', 'default'])

function typeOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

/** Whether `value` satisfies `schema` (draft 2020-12, the keywords the spec schema uses). */
function validate(root: Schema, value: unknown, schema: Schema = root): boolean {
  if (typeof schema === 'boolean') return schema
  const sub = (s: unknown, v: unknown) => validate(root, v, s as Schema)
  const obj = typeOf(value) === 'object' ? (value as Record<string, unknown>) : undefined
  const arr = Array.isArray(value) ? value : undefined
  const checks: Record<string, (k: unknown) => boolean> = {
    $ref: (ref) => {
      let s: unknown = root
      for (const part of String(ref).replace(/^#\/?/, '').split('/').filter(Boolean))
        s = (s as Record<string, unknown>)[part]
      return sub(s, value)
    },
    type: (t) =>
      (Array.isArray(t) ? t : [t]).some((x) =>
        x === 'integer' ? Number.isInteger(value) : x === typeOf(value) && !(x === 'number' && !Number.isFinite(value)),
      ),
    const: (c) => JSON.stringify(c) === JSON.stringify(value),
    enum: (e) => (e as unknown[]).some((c) => JSON.stringify(c) === JSON.stringify(value)),
    anyOf: (list) => (list as unknown[]).some((s) => sub(s, value)),
    allOf: (list) => (list as unknown[]).every((s) => sub(s, value)),
    if: (s) => {
      const branch = sub(s, value) ? (schema as Record<string, unknown>).then : undefined
      return branch === undefined || sub(branch, value)
    },
    then: () => true,
    properties: (p) => !obj || Object.entries(p as object).every(([k, s]) => !Object.hasOwn(obj, k) || sub(s, obj[k])),
    required: (r) => !obj || (r as string[]).every((k) => Object.hasOwn(obj, k)),
    additionalProperties: (s) => {
      if (!obj) return true
      const known = (schema as { properties?: object }).properties ?? {}
      return Object.keys(obj).every((k) => Object.hasOwn(known, k) || sub(s, obj[k]))
    },
    propertyNames: (s) => !obj || Object.keys(obj).every((k) => sub(s, k)),
    items: (s) => {
      const from = ((schema as { prefixItems?: unknown[] }).prefixItems ?? []).length
      return !arr || arr.slice(from).every((v) => sub(s, v))
    },
    prefixItems: (list) => !arr || (list as unknown[]).every((s, i) => i >= arr.length || sub(s, arr[i])),
    minItems: (n) => !arr || arr.length >= (n as number),
    maxItems: (n) => !arr || arr.length <= (n as number),
    minLength: (n) => typeof value !== 'string' || [...value].length >= (n as number),
    maxLength: (n) => typeof value !== 'string' || [...value].length <= (n as number),
    pattern: (p) => typeof value !== 'string' || new RegExp(p as string, 'u').test(value),
    minimum: (n) => typeof value !== 'number' || value >= (n as number),
    maximum: (n) => typeof value !== 'number' || value <= (n as number),
    exclusiveMinimum: (n) => typeof value !== 'number' || value > (n as number),
    exclusiveMaximum: (n) => typeof value !== 'number' || value < (n as number),
  }
  return Object.entries(schema).every(([keyword, arg]) => {
    if (ANNOTATIONS.has(keyword)) return true
    const check = checks[keyword]
    if (!check) throw new Error(`the test validator does not know the keyword "${keyword}"`)
    return check(arg)
  })
}

const registry = defaultRegistry()
const schema = specJsonSchema(registry)
const committed = JSON.parse(readFileSync(new URL('../../schema/spec.schema.json', import.meta.url), 'utf8'))
const yamlFile = (path: string) => parseYaml(readFileSync(new URL(path, import.meta.url), 'utf8')) as unknown

/** Whether `sightline score` would take this spec: it parses and compiles against the built-in rewards. */
function cliAccepts(doc: unknown): boolean {
  try {
    compileSpec(parseSpec(doc), registry)
    return true
  } catch {
    return false
  }
}

describe('the spec JSON Schema', () => {
  it.each([
    ['demo/spec.yaml', yamlFile('../../demo/spec.yaml')],
    ['examples/grounding/spec.yaml', yamlFile('../../examples/grounding/spec.yaml')],
  ])('accepts %s, in the committed schema too', (_name, doc) => {
    expect(cliAccepts(doc)).toBe(true)
    expect(validate(schema, doc)).toBe(true)
    expect(validate(committed, doc)).toBe(true)
  })

  it.each<[unknown, boolean]>([
    // the top-level keys sit beside the root node
    [{ description: 'x', reward: 'anls' }, true],
    [{ $schema: './schema/spec.schema.json', reward: 'anls' }, true],
    [{ reward: 'anls', onError: 0 }, true],
    [{ description: 'x', onError: -1, sum: ['anls', { reward: 'token-f1', weight: 0.5 }] }, true],
    ['anls', true], // a bare reward id is a spec
    [{ gate: { when: 'format-think-answer', then: { reward: 'anls', params: { threshold: 0.4 } } } }, true],
    [{ route: { by: 'meta.source', cases: { a: 'anls' }, default: { clamp: 'token-f1', lo: 0 } } }, true],
    // typos and misplaced keys still fail
    [{ reward: 'anls', descripton: 'x' }, false],
    [{ reward: 'anls', onEror: 0 }, false],
    [{ sum: [{ reward: 'anls', description: 'x' }] }, false], // the top-level keys are not node keys
    [{ rewrd: 'anls' }, false],
    [{ reward: 'anls', parms: {} }, false],
    [{ reward: 'anls', params: { thresold: 0.4 } }, false], // an unknown param
    [{ reward: 'anls', params: { threshold: 'high' } }, false],
    [{ reward: 'no-such-reward' }, false],
    ['no-such-reward', false],
    [{ description: 'x' }, false], // no node
    [{ reward: 'anls', onError: 'zero' }, false],
    [{ gate: { when: 'anls' } }, false],
    [{ route: { by: 'metadata.x', cases: { a: 'anls' } } }, false],
  ])('%j: CLI and schema agree (%s)', (doc, accepted) => {
    expect(cliAccepts(doc)).toBe(accepted)
    expect(validate(schema, doc)).toBe(accepted)
  })

  it('lists the reward ids for completion', () => {
    const node = (schema.$defs as { node: { anyOf: { enum?: string[] }[] } }).node
    expect(node.anyOf.at(-1)?.enum).toEqual(registry.ids)
  })
})
