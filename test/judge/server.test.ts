/**
 * The judge through the reward server: score_model / label_model graders, judge rewards in /v1/score, and
 * /metrics, against the loopback fake OpenAI server.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ScoreResult } from '../../src/core/index.js'
import { createJudgeClient } from '../../src/judge/index.js'
import {
  type FakeOpenAiServer,
  type FakeStep,
  requestText,
  scripted,
  startFakeOpenAi,
} from '../../src/judge/testing/fake-openai-server.js'
import { defaultRegistry } from '../../src/rewards/packs.js'
import { createApp } from '../../src/server/index.js'

let fake: FakeOpenAiServer

/** The fields these tests read from /graders/run and /v1/score answers. */
interface Answer {
  reward: number
  metadata: { token_usage: { total_tokens: number } | null; errors: Record<string, unknown> }
  sub_rewards: Record<string, number>
  model_grader_token_usage_per_model: Record<string, unknown>
  results: ScoreResult[]
}
afterEach(async () => fake?.close())

async function app(steps: FakeStep[] | ((text: string) => FakeStep), model: string | undefined = 'judge-vlm') {
  fake = await startFakeOpenAi({
    script: Array.isArray(steps) ? scripted(steps) : (r) => steps(requestText(r)),
  })
  const judge = createJudgeClient({ url: fake.url, model, retry: { retries: 1, baseDelayMs: 5 } })
  const server = createApp({ registry: defaultRegistry(), judge, processMetrics: false, log: () => {} })
  const post = async (path: string, body: unknown) => {
    const res = await server.app.request(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
    return { status: res.status, body: (await res.json()) as Answer }
  }
  return { server, post }
}

const scoreModel = {
  type: 'score_model',
  name: 'rubric',
  model: 'gpt-4o-2024-08-06',
  range: [0, 10],
  input: [
    { role: 'system', content: 'Grade the answer against the reference.' },
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'Reference: {{item.reference_answer}}\nAnswer: {{sample.output_text}}' },
        { type: 'input_image', image_url: 'data:image/png;base64,{{item.png}}', detail: 'low' },
      ],
    },
  ],
  sampling_params: { temperature: 0, seed: 42, max_completions_tokens: 300 },
}
// a 1×1 PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
const run = (grader: unknown) => ({
  grader,
  item: { reference_answer: 'fuzzy wuzzy was a bear', png: PNG },
  model_sample: 'fuzzy wuzzy was a bear',
})

describe('score_model and label_model graders through the judge', () => {
  it('renders the input, sends the image and sampling params, clamps the result and reports usage', async () => {
    const { post } = await app([
      {
        text: '{"steps": [{"description": "same text", "conclusion": "match"}], "result": 12}',
        usage: { prompt_tokens: 80, completion_tokens: 20 },
      },
    ])
    const res = await post('/v1/fine_tuning/alpha/graders/run', run(scoreModel))
    expect(res.status).toBe(200)
    expect(res.body.reward).toBe(10) // clamped to range
    expect(res.body.metadata.token_usage).toEqual({
      prompt_tokens: 80,
      completion_tokens: 20,
      total_tokens: 100,
      cached_tokens: 0,
    })
    expect(res.body.model_grader_token_usage_per_model).toEqual({
      'judge-vlm': { prompt_tokens: 80, completion_tokens: 20, total_tokens: 100, cached_tokens: 0 },
    })
    const sent = fake.requests[0]?.body
    expect(sent).toMatchObject({ model: 'judge-vlm', seed: 42, max_tokens: 300, temperature: 0 })
    expect(JSON.stringify(sent?.messages)).toContain('Answer: fuzzy wuzzy was a bear')
    expect(JSON.stringify(sent?.messages)).toContain('data:image/png;base64,')
  })

  it.each([
    ['a refusal', [{ refusal: 'no' }], 'model_grader_refusal_error'],
    ['an unreadable reply', [{ text: 'looks fine to me' }], 'model_grader_parse_error'],
    ['the endpoint down', [{ status: 503 }], 'model_grader_server_error'],
  ] as const)('%s scores 0 with %s set', async (_, steps, flag) => {
    const { post } = await app([...steps] as FakeStep[])
    const res = await post('/v1/fine_tuning/alpha/graders/run', run(scoreModel))
    expect(res.body.reward).toBe(0)
    expect(res.body.metadata.errors[flag]).toBe(true)
    if (flag === 'model_grader_server_error')
      expect(res.body.metadata.errors.model_grader_server_error_details).toMatch(/HTTP 503/)
  })

  it('runs label_model inside multi and sums usage', async () => {
    const { post } = await app((text) => (text.includes('labels') ? { text: 'correct' } : { text: '{"result": 0.5}' }))
    const grader = {
      type: 'multi',
      name: 'both',
      graders: {
        label: {
          type: 'label_model',
          name: 'l',
          model: 'x',
          input: [{ role: 'user', content: '{{sample.output_text}}' }],
          labels: ['correct', 'incorrect'],
          passing_labels: ['correct'],
        },
        score: { ...scoreModel, input: [{ role: 'user', content: '{{sample.output_text}}' }], range: [0, 1] },
      },
      calculate_output: '(label + score) / 2',
    }
    const res = await post('/v1/fine_tuning/alpha/graders/run', run(grader))
    expect(res.body.reward).toBe(0.75)
    expect(res.body.sub_rewards).toEqual({ label: 1, score: 0.5 })
    expect(res.body.metadata.token_usage?.total_tokens).toBe(220)
  })
})

describe('judge rewards in /v1/score', () => {
  it('scores through the judge; a dead judge gives error and valid=false, never a silent 0', async () => {
    const { post, server } = await app((text) => (text.includes('BAD') ? { status: 500 } : { text: '{"result": 0.9}' }))
    const res = await post('/v1/score', {
      spec: { reward: 'judge-score' },
      items: [
        { id: 'ok', response: 'GOOD' },
        { id: 'down', response: 'BAD' },
      ],
    })
    expect(res.status).toBe(200)
    const [ok, down] = res.body.results as [ScoreResult, ScoreResult]
    expect(ok).toMatchObject({ id: 'ok', score: 0.9, valid: true })
    expect(ok.components['judge-score.tokens']).toBe(110)
    expect(down).toMatchObject({ id: 'down', valid: false, error: { code: 'reward_error' } })
    expect(down.error?.message).toMatch(/HTTP 500/)
    const metrics = await (await server.app.request('/metrics')).text()
    expect(metrics).toMatch(/sightline_judge_calls_total\{model="judge-vlm",outcome="ok"\} 1/)
    expect(metrics).toMatch(/sightline_judge_calls_total\{model="judge-vlm",outcome="error"\} 1/)
    expect(metrics).toMatch(/sightline_judge_tokens_total\{model="judge-vlm",kind="prompt"\} 100/)
  })

  it('scores Pref-GRPO group win rates over GRPO groups', async () => {
    // the longer response wins every pair, wherever it is shown
    const { post } = await app((text) => {
      const a = /\[Response 1\]\n(.*)/.exec(text)?.[1] ?? ''
      const b = /\[Response 2\]\n(.*)/.exec(text)?.[1] ?? ''
      return { text: `<answer>Response ${a.length >= b.length ? 1 : 2} is better</answer>` }
    })
    const res = await post('/v1/score', {
      spec: { reward: 'judge-group-winrate' },
      items: ['a', 'aaa', 'aa'].map((response) => ({ response, group: 'g1' })),
    })
    expect(res.body.results.map((r) => r.score)).toEqual([0, 1, 0.5])
  })
})
