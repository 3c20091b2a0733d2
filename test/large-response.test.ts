/** A 10 MB response scores in bounded time with every reward of the demo spec, and is invalid, never a crash. */
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { jsonl, parseJsonl, sightline, tempDir } from './helpers.js'

const SPEC = fileURLToPath(new URL('../demo/spec.yaml', import.meta.url))

describe('a 10 MB response', () => {
  it('is scored by every route of the demo spec within seconds', async () => {
    const t = tempDir()
    const big = `<think>${'the answer is two '.repeat(600_000)}`.slice(0, 10_000_000)
    const refs: [string, unknown][] = [
      ['geo3k', '27'],
      ['docvqa', ['Acme Inc']],
      ['vqav2', Array(10).fill('two')],
      ['charades-sta', [1, 5]],
      ['caption', 'a man'],
    ]
    t.write('big.jsonl', jsonl(refs.map(([task, reference]) => ({ task, reference, response: big }))))
    const started = performance.now()
    const r = await sightline(t.dir, ['score', '--spec', SPEC, '--in', 'big.jsonl', '--workers', '0'])
    // generous for a loaded CI machine; it takes well under a second per item on an idle one
    expect(performance.now() - started).toBeLessThan(25_000)
    expect(r.code).toBe(0)
    const out = parseJsonl(r.stdout)
    expect(out).toHaveLength(5)
    for (const o of out) expect(o).toMatchObject({ valid: false, reason: { code: expect.any(String) } })
  })
})
