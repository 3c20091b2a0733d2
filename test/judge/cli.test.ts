/** `sightline judge-bench` and `sightline score --judge-url` end to end, against the loopback fake server. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeOpenAiServer, requestText, startFakeOpenAi } from '../../src/judge/testing/fake-openai-server.js'
import { sightline, tempDir } from '../helpers.js'

let fake: FakeOpenAiServer
afterEach(async () => fake?.close())
const tmp = tempDir()

/** A judge that prefers the response containing "GOOD"; when neither does, it prefers the one shown first. */
async function judge() {
  fake = await startFakeOpenAi({
    script: (r) => {
      const t = requestText(r)
      const a = /\[Response 1\]\n([\s\S]*?)\n\n\[Response 2\]/.exec(t)?.[1] ?? ''
      if (t.includes('ABSTAIN')) return { text: 'I cannot tell.' }
      return { text: `<answer>Response ${a.includes('GOOD') || !t.includes('GOOD') ? 1 : 2} is better</answer>` }
    },
  })
}

describe('sightline judge-bench', () => {
  it('judges both orders and reports accuracy, consistency and per-category figures', async () => {
    await judge()
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#08f' } })
      .png()
      .toFile(join(tmp.dir, 'img.png'))
    const rows = [
      // VL-RewardBench shape: rank 0 is preferred
      {
        id: 'v1',
        query: 'what?',
        image: 'img.png',
        response: ['GOOD a', 'bad b'],
        human_ranking: [0, 1],
        category: 'hallucination',
      },
      {
        id: 'v2',
        query: 'what?',
        image: ['img.png'],
        response: ['bad a', 'GOOD b'],
        human_ranking: [1, 0],
        category: 'hallucination',
      },
      // position-biased pair: neither is GOOD, so the judge picks whatever is first
      { id: 'v3', query: 'what?', response: ['x', 'y'], human_ranking: [0, 1], category: 'reasoning' },
      // MMRB2 shape
      { id: 'm1', prompt: 'edit it', response_A: 'GOOD', response_B: 'meh', better_response: 'A', task: 'reasoning' },
      { id: 'm2', prompt: 'ABSTAIN', response_A: 'p', response_B: 'q', better_response: 'B', task: 'reasoning' },
    ]
    const data = tmp.write('pairs.jsonl', `${rows.map((r) => JSON.stringify(r)).join('\n')}\nnot json\n`)
    const run = await sightline(tmp.dir, [
      'judge-bench',
      '--judge',
      fake.url,
      '--model',
      'judge-vlm',
      '--in',
      data,
      '--out',
      'out/report.json',
      '--html',
      'out/report.html',
      '--price-in',
      '1',
      '--price-out',
      '2',
    ])
    expect(run.stderr).toMatch(/line 6: not JSON/)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/overall/)
    const report = JSON.parse(readFileSync(join(tmp.dir, 'out/report.json'), 'utf8'))
    expect(report.overall).toMatchObject({ items: 5, scored: 5, errors: 0 })
    // forward verdicts: v1 A✓, v2 B✓, v3 A✓(bias), m1 A✓, m2 unreadable → 4/4; reverse: v3 picks B ✗ → 3/4
    expect(report.overall.accForward).toBe(1)
    expect(report.overall.accReverse).toBe(0.75)
    expect(report.overall.accPooled).toBe(7 / 8)
    expect(report.overall.consistency).toBe(3 / 4)
    expect(report.overall.unreadableRate).toBe(0.2)
    expect(report.categories.hallucination.accPooled).toBe(1)
    expect(report.macro.accPooled).toBeCloseTo((1 + 3 / 4) / 2)
    expect(report.cost).toMatchObject({ promptTokens: 1000, completionTokens: 100 })
    expect(report.cost.usd).toBeCloseTo(0.0012)
    const html = readFileSync(join(tmp.dir, 'out/report.html'), 'utf8')
    expect(html).toContain('data:image/png;base64,')
    expect(html).toContain('hallucination')
  })

  it('needs --judge and --in', async () => {
    expect((await sightline(tmp.dir, ['judge-bench', '--in', 'x.jsonl'])).code).toBe(2)
  })
})

describe('sightline score with a judge', () => {
  it('scores judge rewards through --judge-url, errors included', async () => {
    fake = await startFakeOpenAi({
      script: (r) => (requestText(r).includes('DOWN') ? { status: 400 } : { text: '{"result": 0.7}' }),
    })
    const spec = tmp.write('spec.yaml', 'reward: judge-score\n')
    const data = tmp.write(
      'roll.jsonl',
      `${JSON.stringify({ id: 'a', response: 'fine' })}\n${JSON.stringify({ id: 'b', response: 'DOWN' })}\n`,
    )
    const run = await sightline(tmp.dir, [
      'score',
      '--spec',
      spec,
      '--in',
      data,
      '--judge-url',
      fake.url,
      '--judge-model',
      'm',
      '--quiet',
    ])
    expect(run.code).toBe(0)
    const [a, b] = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(a).toMatchObject({ id: 'a', score: 0.7, valid: true })
    expect(b).toMatchObject({ id: 'b', valid: false, error: { code: 'reward_error' } })
  })

  it('without a judge, a spec with judge rewards is a usage error that says how to configure one', async () => {
    const spec = tmp.write('spec2.yaml', 'reward: judge-score\n')
    const data = tmp.write('roll2.jsonl', `${JSON.stringify({ response: 'x' })}\n`)
    const run = await sightline(tmp.dir, ['score', '--spec', spec, '--in', data, '--quiet'])
    expect(run.code).toBe(2) // before anything is scored: not a file of reward_error results and exit 0
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/"judge-score".*--judge-url/s)
  })
})
