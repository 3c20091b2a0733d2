import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseJsonl } from '../../../test/helpers.js'
import type { CliIo } from '../command.js'
import { main } from '../main.js'

function io(cwd: string) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d) => {
    out += d
  })
  stderr.on('data', (d) => {
    err += d
  })
  const value: CliIo = { stdin: new PassThrough(), stdout, stderr, isTTY: false, cwd }
  return { value, out: () => out, err: () => err }
}

const deepFrac = (n: number) => `${'\\frac{'.repeat(n)}1${'}{2}'.repeat(n)}`

describe('sightline math-equal', () => {
  it('writes each line back in order with equal and reason, and keeps extra fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'math-equal-'))
    const lines = [
      { id: 'a', gold: '\\frac{1}{2}', pred: 'so $0.5$' },
      { id: 'b', gold: 3, pred: '\\boxed{4}' },
      { id: 'c', gold: '(1,2)', pred: '$x \\in (1, 2)$', strict: false },
      { id: 'd', gold: '1<x<2', pred: 'nothing here' },
    ]
    writeFileSync(join(dir, 'in.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n\n`)
    const t = io(dir)
    expect(await main(['math-equal', '--in', 'in.jsonl', '--workers', '2'], t.value)).toBe(0)
    const out = parseJsonl(t.out())
    expect(out.map((o) => [o.id, o.equal, o.reason])).toEqual([
      ['a', true, 'ok'],
      ['b', false, 'not_equal'],
      ['c', true, 'ok'],
      ['d', false, 'unparseable_pred'],
    ])
    expect(out[2]).toMatchObject({ strict: false, goldParsed: ['(1, 2)'] })
    expect(t.err()).toContain('4 pairs')
  })

  // the pathological inputs: each ends (timeout or a bound) and the ordinary lines beside them are right
  it('keeps every line within its deadline beside pathological ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'math-equal-'))
    const bad = [
      { gold: '1', pred: '$10^{10^{10^{10}}}$' },
      { gold: '1', pred: `$${deepFrac(1000)}$` },
      { gold: 'x', pred: `$${'x+'.repeat(50_000)}x$` },
    ]
    const good = Array.from({ length: 20 }, (_, i) => ({ gold: String(i), pred: `The answer is $${i}$.` }))
    const lines = [...bad, ...good, ...bad]
    writeFileSync(join(dir, 'in.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'))
    const t = io(dir)
    const started = performance.now()
    expect(await main(['math-equal', '--in', 'in.jsonl', '--out', 'out.jsonl', '--timeout-ms', '1500'], t.value)).toBe(
      0,
    )
    expect(performance.now() - started).toBeLessThan(20_000)
    const out = readFileSync(join(dir, 'out.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(out).toHaveLength(lines.length)
    expect(out.slice(3, 23).every((o) => o.equal === true && o.reason === 'ok')).toBe(true)
    for (const o of [...out.slice(0, 3), ...out.slice(23)]) {
      expect(o.equal).toBe(false)
      expect(['not_equal', 'too_large', 'timeout']).toContain(o.reason)
    }
  })

  // as score does: each bad line is reported and written back in its place, the rest are checked, exit 1 at the end
  it('reports each bad line with its number, keeps output aligned, goes on, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'math-equal-'))
    const lines = [
      '{"id": "a", "gold": "1", "pred": "1"}',
      'not json',
      '{"id": "c", "pred": "1"}',
      '',
      '{"id": "d", "gold": true, "pred": "1", "floatRounding": 99}',
      '[1, 2]',
      '{"id": "f", "gold": "2", "pred": "$2$"}',
    ]
    writeFileSync(join(dir, 'in.jsonl'), `${lines.join('\n')}\n`)
    const t = io(dir)
    expect(await main(['math-equal', '--in', 'in.jsonl', '--workers', '1'], t.value)).toBe(1)
    expect(t.err()).toContain("in.jsonl line 2: not JSON: Unexpected token 'o'")
    expect(t.err()).toContain('in.jsonl line 3: gold: missing (expected the reference answer, a string or a number)\n')
    expect(t.err()).toContain(
      'in.jsonl line 5: gold: expected the reference answer, a string or a number, got true; floatRounding: expected an integer 0..20, got 99\n',
    )
    expect(t.err()).toContain('in.jsonl line 6: expected a JSON object {gold, pred, ...}, got [1,2]\n')
    expect(t.err()).toContain('6 pairs: 4 bad_line, 2 ok')
    const out = parseJsonl(t.out())
    expect(out.map((o) => [o.id, o.equal, o.reason])).toEqual([
      ['a', true, 'ok'],
      [undefined, false, 'bad_line'],
      ['c', false, 'bad_line'],
      ['d', false, 'bad_line'],
      [undefined, false, 'bad_line'],
      ['f', true, 'ok'],
    ])
    expect(out[2]).toEqual({
      id: 'c',
      pred: '1',
      equal: false,
      goldParsed: [],
      predParsed: [],
      reason: 'bad_line',
      error: 'gold: missing (expected the reference answer, a string or a number)',
    })
  })

  it.skipIf(!existsSync('/dev/full'))('exits 2 on a failed write to --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'math-equal-'))
    writeFileSync(join(dir, 'in.jsonl'), '{"gold": "1", "pred": "1"}\n')
    const t = io(dir)
    expect(await main(['math-equal', '--in', 'in.jsonl', '--out', '/dev/full', '--workers', '1'], t.value)).toBe(2)
    expect(t.err()).toBe('sightline math-equal: cannot write --out /dev/full: ENOSPC\n')
  })

  it('exits 2 on a missing --in or an unreadable file', async () => {
    const t = io(tmpdir())
    expect(await main(['math-equal'], t.value)).toBe(2)
    expect(t.err()).toContain('--in is required')
    expect(await main(['math-equal', '--in', 'nope.jsonl'], t.value)).toBe(2)
    expect(t.err()).toContain('cannot read nope.jsonl')
  })
})
