/** verl-style parquet in, ScoreResults out: column mapping, images without bytes, n responses per row. */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { openParquet } from '../src/runtime/index.js'
import { type VerlRow, verlParquet } from './fixtures/verl-parquet.js'
import { parseJsonl, sightline, TEST_PACK, tempDir } from './helpers.js'

const t = tempDir()
const png = new Uint8Array(
  await sharp({ create: { width: 3, height: 2, channels: 3, background: '#808080' } })
    .png()
    .toBuffer(),
)
const row = (i: number, response: string | string[]): VerlRow => ({
  data_source: i % 2 === 0 ? 'even' : 'odd',
  prompt: [{ role: 'user', content: `<image>What is ${i}?` }],
  reward_model: { ground_truth: String(i), style: 'rule' },
  extra_info: { index: BigInt(i), split: 'test' },
  images: [{ bytes: png, path: `img/${i}.png` }],
  uid: `u${i}`,
  response,
})

describe('openParquet', () => {
  it('maps verl columns to ScoreItems, reading a slice of rows at a time', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => row(i, String(i * 10)))
    t.write('one.parquet', new Uint8Array(verlParquet(rows, { rowGroupSize: 2 })))
    const input = await openParquet(`${t.dir}/one.parquet`, { rowsPerSlice: 2 })
    expect(input).toMatchObject({ rows: 5, responseColumn: 'response' })
    const chunks = []
    for await (const c of input.chunks()) chunks.push(c)
    expect(chunks.map((c) => c.rows)).toEqual([[1, 2], [3, 4], [5]])
    expect(chunks[0]?.items[1]).toEqual({
      task: 'odd',
      prompt: [{ role: 'user', content: '<image>What is 1?' }],
      reference: '1',
      meta: { index: 1, split: 'test' },
      // the bytes are hashed and measured, never carried
      images: [{ path: 'img/1.png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), width: 3, height: 2 }],
      group: 'u1',
      response: '10',
    })
  })

  it('names the columns when no response column is found', async () => {
    t.write('named.parquet', new Uint8Array(verlParquet([row(0, 'x')], { responseColumn: 'completion' })))
    await expect(openParquet(`${t.dir}/named.parquet`)).rejects.toThrow(
      /no response column: expected one of response, responses, solution_str \(or name one with --response-column\); columns: data_source, prompt, .*completion/,
    )
    const ok = await openParquet(`${t.dir}/named.parquet`, { responseColumn: 'completion' })
    expect(ok.responseColumn).toBe('completion')
  })
})

describe('sightline score --in x.parquet', () => {
  it('scores each of n responses per row as one item of the row group', async () => {
    const rows = [row(1, ['1', '2', 'x']), row(2, ['2'])]
    t.write('n.parquet', new Uint8Array(verlParquet(rows, { responseColumn: 'responses' })))
    t.write('spec.yaml', 'echo-number\n')
    const r = await sightline(t.dir, ['score', '--spec', 'spec.yaml', '--in', 'n.parquet', '--plugin', TEST_PACK])
    expect(r.code).toBe(0)
    const out = parseJsonl(r.stdout)
    expect(out.map((o) => [o.id, o.score, o.valid])).toEqual([
      ['0', 1, true],
      ['1', 2, true],
      ['2', 0, false],
      ['3', 2, true],
    ])
  })

  it('reports a row whose response is not a string with its row number', async () => {
    t.write(
      'bad.parquet',
      new Uint8Array(verlParquet([row(1, '1'), { ...row(2, '2'), response: null as unknown as string }])),
    )
    t.write('spec.yaml', 'echo-number\n')
    const r = await sightline(t.dir, ['score', '--spec', 'spec.yaml', '--in', 'bad.parquet', '--plugin', TEST_PACK])
    expect(r.stderr).toContain('bad.parquet: row 2: not a ScoreItem: response: missing')
    expect(parseJsonl(r.stdout).map((o) => o.valid)).toEqual([true, false])
  })
})
