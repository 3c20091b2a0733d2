/**
 * `scoreChunk` on raw JSONL bytes: lines are decoded one by one (a speed choice, see chunk.ts), so each line's text,
 * numbering and failures must be exactly what decoding the whole chunk would give.
 */
import { describe, expect, it } from 'vitest'
import { BENCH_SPEC, benchRollouts } from '../../test/fixtures/mixed-rollouts.js'
import type { ScoreItem, ScoreResult } from '../core/index.js'
import { defaultRegistry } from '../rewards/packs.js'
import { compileSpec, parseSpecText, scopeReader, scoreItem } from '../spec/index.js'
import { scoreChunk } from './chunk.js'
import { addResult, createStats } from './stats.js'

const spec = compileSpec(parseSpecText('{reward: exact-match, params: {answerFrom: whole}}', 'test'), defaultRegistry())
const bytes = (text: string | Uint8Array) => (typeof text === 'string' ? new TextEncoder().encode(text) : text)
const run = (text: string | Uint8Array, firstLine = 1) =>
  scoreChunk(spec, {
    input: { kind: 'lines', bytes: bytes(text), tooLong: [] },
    firstLine,
    firstIndex: firstLine - 1,
    unit: 'line',
    output: 'results',
  })

describe('scoreChunk on JSONL bytes', () => {
  it('decodes non-ASCII lines beside ASCII ones', () => {
    // two-byte, three-byte and four-byte characters; the ASCII line after them must be unaffected
    const text = [
      JSON.stringify({ response: 'café', reference: 'café' }),
      JSON.stringify({ response: '東京 …', reference: '東京 …' }),
      JSON.stringify({ response: '😀', reference: '😀' }),
      JSON.stringify({ response: 'plain', reference: 'plain' }),
    ].join('\n')
    const out = run(text)
    expect(out.results?.map((r) => r.score)).toEqual([1, 1, 1, 1])
    expect(out.problemCount).toBe(0)
  })

  it('replaces invalid UTF-8 as TextDecoder does, so the line still scores', () => {
    const head = bytes('{"response":"a')
    const tail = bytes('b","reference":"a\uFFFDb"}\n')
    const line = new Uint8Array([...head, 0xff, ...tail])
    expect(run(line).results?.[0]?.score).toBe(1)
  })

  it('drops a byte-order mark opening the file, and only there', () => {
    const line = JSON.stringify({ response: 'x', reference: 'x' })
    const first = run(`\uFEFF${line}\n${line}`)
    expect(first.results?.map((r) => r.valid)).toEqual([true, true])
    // the same mark on a later line is not JSON: a bad entry with its line number
    const later = run(`${line}\n\uFEFF${line}`, 5)
    expect(later.results?.[1]?.error?.code).toBe('bad_item')
    expect(later.problems[0]?.line).toBe(6)
  })

  it('numbers lines across blank lines, CRLF endings and a missing final newline', () => {
    const good = JSON.stringify({ response: 'x', reference: 'x' })
    const out = run(`${good}\r\n\r\n  \nnot json\n${good}`)
    expect(out.results?.map((r) => r.id)).toEqual(['0', '1', '2'])
    expect(out.problems).toEqual([{ line: 4, unit: 'line', message: expect.stringContaining('not valid JSON') }])
  })
})

describe('scoreChunk writes what scoreItem computes', () => {
  it('on the benchmark mix: the same JSON lines and the same stats', () => {
    // the chunk path scores into a reused row and serializes it directly; scoreItem builds result objects
    const mix = compileSpec(parseSpecText(BENCH_SPEC, 'bench'), defaultRegistry())
    const items = benchRollouts(3000, 5)
    const text = items.map((i) => JSON.stringify(i)).join('\n')
    const job = { firstLine: 1, firstIndex: 0, unit: 'line' as const }
    const out = scoreChunk(mix, { ...job, input: { kind: 'lines', bytes: bytes(text), tooLong: [] }, output: 'jsonl' })
    const expected = items.map((item, i) => scoreItem(mix, structuredClone(item), i) as ScoreResult)
    expect(out.jsonl).toBe(`${expected.map((r) => JSON.stringify(r)).join('\n')}\n`)
    const stats = createStats(mix.componentKeys)
    const scopeOf = scopeReader(mix)
    expected.forEach((r, i) => {
      addResult(stats, r, false, scopeOf?.(items[i] as ScoreItem))
    })
    expect(out.stats).toEqual(stats)
    // a routed component's summary holds the items routed to it, a closed format gate's zeros included
    const n = (key: string) => out.stats.n[out.stats.keys.indexOf(key)]
    expect(n('anls')).toBe(items.filter((i) => i.task === 'docvqa').length)
    expect(n('format-think-answer')).toBe(items.length)
    expect(new Set(expected.map((r) => (r as { route?: string }).route)).size).toBeGreaterThan(5) // the mix reaches every route
  })
})
