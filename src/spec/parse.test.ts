/** Spec structure errors say what was expected at the path, in our words rather than the validator's. */
import { describe, expect, it } from 'vitest'
import { parseSpec } from './parse.js'

const errorOf = (doc: unknown): string => {
  try {
    parseSpec(doc, 's.yaml')
  } catch (e) {
    return (e as Error).message
  }
  throw new Error('expected an error')
}

describe('parseSpec: what was expected', () => {
  it.each([
    [{ gate: { when: 'anls' } }, 'at gate.then: missing (expected a spec node)'],
    [{ gate: { then: 'anls' } }, 'at gate.when: missing (expected a spec node)'],
    [{ gate: 'anls' }, 'at gate: expected an object {when, then, atLeast?, otherwise?}, got "anls"'],
    [{ route: { by: 'task' } }, 'at route.cases: missing (expected an object mapping task values to spec nodes)'],
    [
      { route: { cases: ['anls'] } },
      'at route.cases: expected an object mapping task values to spec nodes, got ["anls"]',
    ],
    [
      { route: { by: 'metadata.x', cases: { a: 'anls' } } },
      'at route.by: expected "task" or "meta.<key>", got "metadata.x"',
    ],
    [{ route: { by: 3, cases: { a: 'anls' } } }, 'at route.by: expected "task" or "meta.<key>", got 3'],
    [
      { gate: { when: 'anls', then: 'anls', else: 0 } },
      'at gate: unknown key "else" (expected an object {when, then, atLeast?, otherwise?})',
    ],
    [{ route: 'anls' }, 'at route: expected an object {cases, by?, default?}, got "anls"'],
    [{ sum: 'anls' }, 'at sum: expected a list of spec nodes, got "anls"'],
    [{ clamp: 'anls', lo: 'x' }, 'at lo: Invalid input: expected number, received string'], // unchanged: zod's words suffice
  ])('%j', (doc, line) => {
    expect(errorOf(doc)).toBe(`invalid s.yaml:\n  ${line}`)
  })

  it('abbreviates a long value', () => {
    expect(errorOf({ route: { by: 'x'.repeat(200), cases: { a: 'anls' } } })).toMatch(/got "x{30,60}…$/)
  })
})
