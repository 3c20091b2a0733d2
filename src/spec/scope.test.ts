import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ScoreItem } from '../core/index.js'
import { defaultRegistry } from '../rewards/packs.js'
import { compileSpec, parseSpecText, rowScorer, scopeReader } from './index.js'

// a format gate over a routed accuracy (the bench's shape), a nested route, and a key two cases share
const SPEC = `
sum:
  - name: accuracy
    gate:
      when: { reward: format-think-answer }
      then:
        route:
          cases:
            mcq: { reward: mcq }
            docvqa: { reward: anls }
            chart:
              route:
                by: meta.source
                cases:
                  plotqa: { reward: numeric, name: value }
                default: { reward: exact-match, name: value }
          default: { reward: token-f1 }
  - reward: repetition-penalty
    weight: 0.1
`
const registry = defaultRegistry()
const spec = compileSpec(parseSpecText(SPEC, 'spec.yaml'), registry)
const item = (task: string | undefined, meta?: Record<string, unknown>): ScoreItem => ({
  response: '<think>t</think><answer>B</answer>',
  reference: 'B',
  ...(task === undefined ? {} : { task }),
  ...(meta ? { meta } : {}),
})
/** The component keys of `of` that apply to `it`, as the scope mask says. */
const applying = (it: ScoreItem, of = spec) => {
  const scope = scopeReader(of)?.(it)
  return of.componentKeys.filter((_, i) => scope === undefined || scope[i] === 1)
}

describe('which components apply to an item', () => {
  it('names, for each routed key, the routes it sits under', () => {
    expect(spec.scopes.mcq).toEqual([{ by: 'task', cases: ['mcq', 'docvqa', 'chart'], in: ['mcq'], default: false }])
    expect(spec.scopes['token-f1']?.[0]).toMatchObject({ in: [], default: true })
    // `value` is written by both cases of the inner route, under the outer case `chart`
    expect(spec.scopes.value).toEqual([
      { by: 'task', cases: ['mcq', 'docvqa', 'chart'], in: ['chart'], default: false },
      { by: 'meta.source', cases: ['plotqa'], in: ['plotqa'], default: true },
    ])
    for (const always of ['format-think-answer', 'accuracy', 'repetition-penalty'])
      expect(spec.scopes[always]).toBeUndefined()
  })

  it.each([
    [item('mcq'), ['format-think-answer', 'mcq', 'accuracy', 'repetition-penalty']],
    [item('docvqa'), ['format-think-answer', 'anls', 'accuracy', 'repetition-penalty']],
    [item('chart', { source: 'plotqa' }), ['format-think-answer', 'value', 'accuracy', 'repetition-penalty']],
    [item('chart'), ['format-think-answer', 'value', 'accuracy', 'repetition-penalty']],
    [
      item('vqa'),
      ['format-think-answer', 'token-f1', 'token-f1.precision', 'token-f1.recall', 'accuracy', 'repetition-penalty'],
    ],
    [
      item(undefined),
      ['format-think-answer', 'token-f1', 'token-f1.precision', 'token-f1.recall', 'accuracy', 'repetition-penalty'],
    ],
  ])('%# applies what its route selects, whatever the gate decides', (it, expected) => {
    expect(applying(it)).toEqual(expected)
    expect(applying({ ...it, response: 'no format at all' })).toEqual(expected) // the gate closes: same scope
  })

  it('a route with no case for the item and no default applies none of its keys', () => {
    const strict = compileSpec(parseSpecText('route: { cases: { a: { reward: mcq } } }', 's'), registry)
    expect(applying(item('b'), strict)).not.toContain('mcq')
    expect(applying(item('a'), strict)).toContain('mcq')
    expect(applying(item(undefined), strict)).not.toContain('mcq')
  })

  it('a spec without routes has no scope: every component applies', () => {
    const plain = compileSpec(parseSpecText('sum: [{ reward: mcq }, { reward: anls }]', 's'), registry)
    expect(plain.scopes).toEqual({})
    expect(scopeReader(plain)).toBeUndefined()
    expect(rowScorer(plain)(item('mcq')).scope).toBeUndefined()
  })

  it('a component out of scope is always 0 (property)', () => {
    const score = rowScorer(spec)
    const tasks = fc.constantFrom('mcq', 'docvqa', 'chart', 'vqa', 'other')
    const arb = fc.record({
      task: fc.option(tasks, { nil: undefined }),
      source: fc.option(fc.constantFrom('plotqa', 'chartqa'), { nil: undefined }),
      answer: fc.constantFrom('B', '3', 'Acme', '<think>x</think><answer>B</answer>', ''),
      reference: fc.constantFrom('B', '3', 'Acme'),
    })
    fc.assert(
      fc.property(arb, ({ task, source, answer, reference }) => {
        const it: ScoreItem = { response: `<think>r</think><answer>${answer}</answer>`, reference }
        if (task !== undefined) it.task = task
        if (source !== undefined) it.meta = { source }
        const row = score(it)
        const scope = row.scope as Uint8Array
        for (let i = 0; i < spec.componentKeys.length; i++) if (scope[i] === 0) expect(row.comps[i]).toBe(0)
      }),
      { numRuns: 500 },
    )
  })
})
