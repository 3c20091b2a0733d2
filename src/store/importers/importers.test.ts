import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parquetWriteBuffer } from 'hyparquet-writer'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../sqlite-store.js'
import type { IngestRollout } from '../types.js'
import { detectImportFormat, readImport } from './index.js'

const dir = mkdtempSync(join(tmpdir(), 'sightline-import-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function all(path: string, format: 'verl' | 'trl' | 'jsonl') {
  const rollouts: IngestRollout[] = []
  const problems: string[] = []
  for await (const b of await readImport(path, format, 2)) {
    rollouts.push(...b.rollouts)
    problems.push(...b.problems.map((p) => p.message))
  }
  return { rollouts, problems }
}

describe('importers', () => {
  it("reads verl's rollout_data_dir (one <step>.jsonl per step, extras as components, grouped by input)", async () => {
    const d = join(dir, 'verl')
    mkdirSync(d)
    const line = (step: number, input: string, output: string, score: number, acc: boolean) =>
      JSON.stringify({ input, output, gts: '4', score, step, acc, pred: output.slice(-1) })
    writeFileSync(
      join(d, '10.jsonl'),
      [line(10, 'q1', 'so 4', 1, true), line(10, 'q1', 'so 5', 0, false), '{broken', ''].join('\n'),
    )
    writeFileSync(join(d, '2.jsonl'), line(2, 'q1', 'so 4', 1, true))
    expect(await detectImportFormat(d)).toBe('verl')
    const { rollouts, problems } = await all(d, 'verl')
    expect(rollouts.map((r) => r.step)).toEqual([2, 10, 10]) // files in step order, not name order
    expect(rollouts[1]).toMatchObject({
      prompt: 'q1',
      response: 'so 4',
      reference: '4',
      score: 1,
      components: { acc: 1 },
      meta: { pred: '4' },
    })
    expect(problems).toHaveLength(1) // the broken line is reported, not fatal
    const store = openStore(join(dir, 'verl.db'))
    const run = await store.createRun({ name: 'v', source: 'verl' })
    await store.ingest(run.id, rollouts)
    expect((await store.getRun(run.id))?.groups).toBe(2) // same input, two steps: two groups
    await store.close()
  })

  it('reads scored JSONL, flat or {item, result}, with image files beside it', async () => {
    const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#00f' } })
      .png()
      .toBuffer()
    writeFileSync(join(dir, 'img.png'), png)
    const file = join(dir, 'scored.jsonl')
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: 'a',
          task: 't',
          response: 'x',
          step: 1,
          group: 'g',
          score: 0.5,
          components: { acc: 0.5 },
          images: [{ path: 'img.png' }],
        }),
        JSON.stringify({
          item: { response: 'y', step: 1, group: 'g' },
          result: { score: 1, components: { acc: 1 }, valid: false, reason: { code: 'timeout', ms: 5 } },
        }),
        JSON.stringify({ response: 'unscored' }),
      ].join('\n'),
    )
    expect(await detectImportFormat(file)).toBe('jsonl')
    const { rollouts, problems } = await all(file, 'jsonl')
    expect(rollouts).toHaveLength(2)
    expect(rollouts[0]?.images?.[0]?.bytes?.length).toBe(png.length)
    expect(rollouts[1]).toMatchObject({ valid: false, reason: { code: 'timeout' }, score: 1 })
    expect(problems[0]).toMatch(/score/)
  })

  it("reads TRL's completions parquet (a column per reward function, the trainer's advantage)", async () => {
    const file = join(dir, 'completions.parquet')
    const buf = parquetWriteBuffer({
      columnData: [
        { name: 'step', data: [5, 5, 5], type: 'INT32' },
        { name: 'prompt', data: ['p', 'p', 'p'], type: 'STRING' },
        { name: 'completion', data: ['a', 'b', 'c'], type: 'STRING' },
        { name: 'accuracy_reward', data: [1, 0, 1], type: 'DOUBLE' },
        { name: 'format_reward', data: [1, 1, 0], type: 'DOUBLE' },
        { name: 'advantage', data: [0.5, -1, 0.5], type: 'DOUBLE' },
      ],
    })
    writeFileSync(file, new Uint8Array(buf))
    expect(await detectImportFormat(file)).toBe('trl')
    const { rollouts } = await all(file, 'trl')
    expect(rollouts.map((r) => r.score)).toEqual([2, 1, 1]) // the sum of the reward columns
    expect(rollouts[1]).toMatchObject({
      step: 5,
      prompt: 'p',
      response: 'b',
      advantage: -1,
      components: { accuracy_reward: 0, format_reward: 1 },
    })
  })
})
