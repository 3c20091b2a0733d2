/** End-to-end: `sightline score` on temp files, in-process (the pool has its own file, pool.test.ts). */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { jsonl, parseJsonl, sightline, TEST_PACK, tempDir } from './helpers.js'

const t = tempDir()
const plugin = ['--plugin', TEST_PACK]
t.write('echo.yaml', 'sum: [echo-number, { reward: hang, weight: 0 }]\n')

describe('sightline score: bad input', () => {
  // one good line, invalid JSON, valid JSON that is not a ScoreItem, a blank line, a non-object, a good line
  const lines = [
    JSON.stringify({ id: 'a', response: '2', reference: 1 }),
    '{"response": "3", ',
    JSON.stringify({ id: 'no-response', reference: 1 }),
    '   ',
    '[1, 2]',
    JSON.stringify({ response: '-4', reference: 0 }),
  ]
  t.write('mixed.jsonl', `${lines.join('\n')}\n`)

  it('reports malformed lines with their numbers, still scores the rest, keeps output aligned', async () => {
    const r = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'mixed.jsonl', ...plugin])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('mixed.jsonl: line 2: not valid JSON')
    expect(r.stderr).toContain('mixed.jsonl: line 3: not a ScoreItem: response: missing')
    expect(r.stderr).toContain('mixed.jsonl: line 5: not a ScoreItem: expected a JSON object')
    const out = parseJsonl(r.stdout)
    // five entries: the blank line is not one; default ids are entry positions
    expect(out.map((o) => o.id)).toEqual(['a', '1', 'no-response', '3', '4'])
    expect(out.map((o) => o.valid)).toEqual([true, false, false, false, true])
    expect(out[0]).toMatchObject({ score: 2, components: { 'echo-number': 2, 'echo-number.abs': 2 } })
    expect(out[1]).toMatchObject({ score: 0, components: { 'echo-number': 0 }, error: { code: 'bad_item' } })
    expect(out[4]).toMatchObject({ score: -4 })
    expect(r.stderr).toMatch(/valid 2, invalid 3 \(of which not ScoreItems: 3\)/)
  })

  it('exits 1 under --strict, with the same output', async () => {
    const r = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'mixed.jsonl', '--strict', ...plugin])
    expect(r.code).toBe(1)
    expect(parseJsonl(r.stdout)).toHaveLength(5)
  })

  it('hints at JSONL when the input is a JSON array, on the first problem only; results are unchanged', async () => {
    const items = [
      { response: '1', reference: 1 },
      { response: '2', reference: 1 },
    ]
    t.write('array.json', `\n${JSON.stringify(items, null, 2)}\n`)
    const r = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'array.json', ...plugin])
    expect(r.code).toBe(0)
    const hint = "the input looks like a JSON array; sightline score reads JSONL: one ScoreItem per line (jq -c '.[]'"
    expect(r.stderr).toContain(`array.json: line 2: not valid JSON: Unexpected end of JSON input\n  hint: ${hint}`)
    expect(r.stderr.split(hint)).toHaveLength(2)
    expect(parseJsonl(r.stdout).every((o) => (o.error as { code?: string } | undefined)?.code === 'bad_item')).toBe(
      true,
    )
    // JSONL that merely contains arrays gets no hint
    const plain = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'mixed.jsonl', ...plugin])
    expect(plain.stderr).not.toContain('hint:')
  })

  it('a missing reference is valid=false with a reason, not a crash', async () => {
    t.write('noref.jsonl', jsonl([{ response: '1' }]))
    const r = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'noref.jsonl', ...plugin])
    expect(r.code).toBe(0)
    expect(parseJsonl(r.stdout)[0]).toMatchObject({
      valid: false,
      reason: { code: 'missing_reference', component: 'echo-number' },
    })
    expect(r.stderr).toContain('reasons: missing_reference 1')
  })

  it('handles a file without a final newline, CRLF endings, and an empty file', async () => {
    t.write('crlf.jsonl', '{"response":"1","reference":1}\r\n{"response":"2","reference":1}')
    const r = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'crlf.jsonl', ...plugin])
    expect(parseJsonl(r.stdout).map((o) => o.score)).toEqual([1, 2])
    t.write('empty.jsonl', '')
    const e = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'empty.jsonl', ...plugin])
    expect(e).toMatchObject({ code: 0, stdout: '' })
    expect(e.stderr).toContain('scored 0 items')
  })
})

describe('sightline score: bad usage and bad specs exit 2, naming the file, the path and what was expected', () => {
  t.write('one.jsonl', jsonl([{ response: '1', reference: 1 }]))
  it.each([
    // an unknown reward id lists the known ones
    ['reward: nope\n', /invalid bad\.yaml:\n {2}at reward: unknown reward "nope"; known: .*echo-number.*hang/],
    // a bad param names its path inside the spec
    [
      'sum:\n  - echo-number\n  - { reward: echo-number, name: b, weight: x }\n',
      /invalid bad\.yaml:\n {2}at sum\[1\]\.weight: Invalid input: expected number, received string/,
    ],
    // YAML syntax
    ['sum: [echo-number\n', /invalid bad\.yaml:\n {2}at \(root\): not valid YAML or JSON/],
  ])('spec %j', async (spec, message) => {
    t.write('bad.yaml', spec)
    const r = await sightline(t.dir, ['score', '--spec', 'bad.yaml', '--in', 'one.jsonl', ...plugin])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
  })

  it.each([
    [['--spec', 'missing.yaml', '--in', 'one.jsonl'], 'cannot read --spec missing.yaml: ENOENT'],
    [['--spec', 'echo.yaml', '--in', 'missing.jsonl'], 'cannot read --in missing.jsonl: ENOENT'],
    [['--in', 'one.jsonl'], '--spec is required'],
    [['--spec', 'echo.yaml', '--in', 'one.jsonl', '--workers', 'many'], '--workers: expected "auto" or an integer'],
    [['--spec', 'echo.yaml', '--in', 'one.jsonl', '--timeout-ms', '0'], '--timeout-ms: expected a positive integer'],
    [['--spec', 'echo.yaml', '--in', 'one.jsonl', '--bogus'], "Unknown option '--bogus'"],
    [['--spec', 'echo.yaml', '--in', 'one.jsonl', '--response-column', 'x'], '--response-column applies to .parquet'],
  ])('%j', async (args, message) => {
    const r = await sightline(t.dir, ['score', ...args, ...plugin])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
    expect(r.stderr).toContain('usage: sightline score')
  })

  it('refuses a spec with judge rewards but no --judge-url, naming them, before scoring', async () => {
    t.write('judge.yaml', 'sum: [{ reward: judge-score }, { reward: judge-label }, echo-number]\n')
    const r = await sightline(t.dir, ['score', '--spec', 'judge.yaml', '--in', 'one.jsonl', ...plugin])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(
      'sightline score: judge.yaml uses "judge-score", "judge-label", which need a judge model: pass --judge-url',
    )
  })

  it.skipIf(!existsSync('/dev/full'))('reports a failed write to --out in one line (ENOSPC)', async () => {
    const r = await sightline(t.dir, [
      'score',
      '--spec',
      'echo.yaml',
      '--in',
      'one.jsonl',
      '--out',
      '/dev/full',
      ...plugin,
    ])
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'sightline score: cannot write --out /dev/full: ENOSPC\n' })
  })

  it('reports a --summary-json it cannot write', async () => {
    t.write('a-file', '')
    const args = ['--summary-json', 'a-file/s.json', '--quiet']
    const r = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'one.jsonl', ...args, ...plugin])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^sightline score: cannot write --summary-json a-file\/s\.json: E[A-Z]+\n$/)
  })

  it('names a plugin that does not export packs', async () => {
    t.write('not-a-plugin.mjs', 'export const x = 1\n')
    const r = await sightline(t.dir, [
      'score',
      '--spec',
      'echo.yaml',
      '--in',
      'one.jsonl',
      '--plugin',
      'not-a-plugin.mjs',
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/invalid plugin .*not-a-plugin\.mjs:\n {2}at packs: expected an exported array/)
  })
})

describe('sightline score: outputs', () => {
  it('writes --out, --summary-json and --provenance; the summary names reward ids, versions and params', async () => {
    t.write('four.jsonl', jsonl([1, 2, 3, 4].map((n) => ({ response: String(n), reference: 0 }))))
    const args = ['--out', 'o.jsonl', '--summary-json', 's.json', '--provenance', 'p.json']
    const r = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'four.jsonl', ...args, ...plugin])
    expect(r).toMatchObject({ code: 0, stdout: '' })
    expect(parseJsonl(readFileSync(join(t.dir, 'o.jsonl'), 'utf8')).map((o) => o.score)).toEqual([1, 2, 3, 4])
    const summary = JSON.parse(readFileSync(join(t.dir, 's.json'), 'utf8'))
    const score = summary.components.find((c: { key: string }) => c.key === 'score')
    // mean 2.5, population std sqrt(1.25)
    expect(score).toMatchObject({ n: 4, mean: 2.5, min: 1, max: 4 })
    expect(score.std).toBeCloseTo(Math.sqrt(1.25), 12)
    const provenance = JSON.parse(readFileSync(join(t.dir, 'p.json'), 'utf8'))
    expect(provenance.rewards).toEqual([
      { key: 'echo-number', rewardId: 'echo-number', rewardVersion: 1, params: {} },
      { key: 'hang', rewardId: 'hang', rewardVersion: 1, params: {} },
    ])
    expect(provenance.spec.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(summary.provenance).toEqual(provenance)
    expect(r.stderr).toContain('echo-number: echo-number v1 {}')
    expect(r.stderr).toMatch(/score +4 +2\.5000 +1\.1180 +1 +4/)
  })

  it('reads gzipped JSONL', async () => {
    t.write(
      'z.jsonl.gz',
      gzipSync(
        jsonl([
          { response: '6', reference: 0 },
          { response: '7', reference: 0 },
        ]),
      ),
    )
    const r = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'z.jsonl.gz', ...plugin])
    expect(parseJsonl(r.stdout).map((o) => o.score)).toEqual([6, 7])
  })

  it('reads JSONL from stdin with --in -', async () => {
    const r = await sightline(
      t.dir,
      ['score', '--spec', 'echo.yaml', '--in', '-', ...plugin],
      jsonl([{ response: '5', reference: 0 }]),
    )
    expect(parseJsonl(r.stdout)).toMatchObject([{ score: 5 }])
  })

  it('scores an asynchronous spec (a judge) in-process with its deadline', async () => {
    t.write('judged.yaml', 'judged\n')
    t.write('j.jsonl', jsonl([{ response: 'long enough' }, { response: 'no' }]))
    const r = await sightline(t.dir, ['score', '--spec', 'judged.yaml', '--in', 'j.jsonl', ...plugin])
    expect(parseJsonl(r.stdout).map((o) => o.score)).toEqual([1, 0])
  })

  it('draws a progress line only on a terminal', async () => {
    const tty = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'four.jsonl', ...plugin], '', true)
    const plain = await sightline(t.dir, ['score', '--spec', 'echo.yaml', '--in', 'four.jsonl', ...plugin])
    expect(plain.stderr).not.toContain('\r')
    expect(tty.stdout).toBe(plain.stdout)
  })
})
