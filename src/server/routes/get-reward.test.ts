import { describe, expect, it } from 'vitest'
import { testApp } from '../fixtures/app.js'

const SPEC = `
route:
  cases:
    count: number
    answer: exact
  default: { reward: exact, name: fallback }
`
const PROMPT =
  '<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>How many?<|im_end|>\n<|im_start|>assistant\n'

describe('POST /get_reward (OpenRLHF)', () => {
  it('answers an empty request with empty arrays', async () => {
    const res = await testApp({ specText: SPEC }).post('/get_reward', { query: [], prompts: [], labels: [] })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      rewards: [],
      scores: [],
      extra_logs: {
        number: [],
        'number.raw': [],
        exact: [],
        fallback: [],
        'sightline/valid': [],
        'sightline/error': [],
      },
    })
  })

  it('scores a request exactly as OpenRLHF sends it: expanded image pads, special tokens, JSON labels', async () => {
    const expanded = PROMPT.replace('<|image_pad|>', '<|image_pad|>'.repeat(64))
    const res = await testApp({ specText: SPEC }).post('/get_reward', {
      query: [
        `${expanded}3<|im_end|><|endoftext|>`, // routed to "count": number("3") = 3, clipped to 1 in scores
        `${PROMPT}Paris<|im_end|>`, // label object as a JSON string, task "answer"
        `${PROMPT}42<|im_end|>`, // a bare label is the reference; no task → the default route
      ],
      prompts: [PROMPT, PROMPT, PROMPT],
      labels: [
        { task: 'count', ground_truth: 3, image_size: [640, 480] },
        '{"task": "answer", "reference": "Paris"}',
        '42',
      ],
    })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      rewards: [3, 1, 1],
      scores: [1, 1, 1],
      extra_logs: {
        number: [3, 0, 0],
        'number.raw': [3, 0, 0],
        exact: [0, 1, 0],
        fallback: [0, 0, 1],
        'sightline/valid': [1, 1, 1],
        'sightline/error': [0, 0, 0],
      },
    })
  })

  it('accepts a request without prompts or labels (the whole query is the response)', async () => {
    const res = await testApp({ specText: 'number' }).post('/get_reward', { query: ['0.25'] })
    expect(res.body).toMatchObject({ rewards: [0.25], scores: [0.25] })
  })

  it.each([
    // lengths must agree: a missing label would silently score without its reference
    [{ query: ['a', 'b'], labels: ['x'] }, 'labels'],
    [{ query: ['a'], prompts: ['p', 'q'] }, 'prompts'],
    [{ query: ['a'], labels: ['{"task": '] }, 'labels[0]'],
    // a typo in a label key is refused rather than scored without its reference
    [{ query: ['a'], labels: [{ refrence: 'x' }] }, 'labels[0]'],
    [{ query: [1] }, 'query[0]'],
  ])('%j → 400 at %s', async (body, path) => {
    const res = await testApp({ specText: SPEC }).post('/get_reward', body)
    expect(res.status).toBe(400)
    expect((res.body.error as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(path)
  })

  it('needs a --spec', async () => {
    const res = await testApp().post('/get_reward', { query: [] })
    expect(res.status).toBe(400)
    expect((res.body.error as { code: string }).code).toBe('no_spec')
  })
})
