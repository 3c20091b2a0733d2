/** The examples stay true: their spec compiles against the built-in rewards and their requests score. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../../src/rewards/packs.js'
import { createApp } from '../../src/server/app.js'

const spec = readFileSync('examples/grounding/spec.yaml', 'utf8')
const app = createApp({ registry: defaultRegistry(), specText: spec, processMetrics: false }).app
const post = async (path: string, body: unknown) =>
  (
    await app.request(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
  ).json() as Promise<Record<string, unknown>>

describe('examples/grounding', () => {
  it('scores the README request', async () => {
    const res = await post('/v1/score', {
      items: [
        {
          id: 'rec-1',
          task: 'refcoco',
          response:
            '<think>the dog on the left</think><answer>[{"bbox_2d": [84, 120, 412, 530], "label": "dog"}]</answer>',
          reference: [90, 118, 400, 540],
          images: [{ width: 1280, height: 960, inputWidth: 1288, inputHeight: 952 }],
        },
        {
          id: 'gui-1',
          task: 'screenspot',
          response: '(340, 350)',
          reference: [600, 350, 720, 400],
          images: [{ width: 1920, height: 1080 }],
        },
      ],
    })
    const [rec, gui] = res.results as { id: string; score: number; valid: boolean }[]
    expect(rec).toMatchObject({ id: 'rec-1', valid: true })
    expect(rec?.score).toBeGreaterThan(0.8)
    expect(gui).toMatchObject({ id: 'gui-1', valid: true })
    // (340, 350) on the 0-1000 grid is (652.8, 378) px on 1920×1080: inside [600, 350, 720, 400]
    expect(gui?.score).toBe(1)
  })

  it('runs the README sightline grader', async () => {
    const res = await post('/v1/fine_tuning/alpha/graders/run', {
      grader: {
        type: 'sightline',
        name: 'iou',
        reward: 'box-iou',
        params: { format: 'qwen-json', answer: 'whole', coordSpace: 'pixel' },
        reference: '{{item.box}}',
        images: '{{item.images}}',
      },
      item: { box: [90, 118, 400, 540], images: [{ width: 1280, height: 960 }] },
      model_sample: '[{"bbox_2d": [84, 120, 412, 530]}]',
    })
    expect(res.reward).toBeGreaterThan(0.8)
    expect((res.metadata as { errors: Record<string, unknown> }).errors.other_error).toBe(false)
  })
})
