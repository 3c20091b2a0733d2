import { describe, expect, it } from 'vitest'
import { testApp } from '../fixtures/app.js'

const SPEC = { sum: ['number', { reward: 'exact', weight: 2 }] }

describe('POST /v1/score', () => {
  it('scores in order with an inline spec and echoes its provenance', async () => {
    const { post } = testApp()
    const items = [
      { id: 'a', response: '1', reference: '1' }, // number 1 + exact 2·1
      { response: '0.5', reference: 'x' }, // number .5 + exact 0; default id is the position
      { id: 7, response: 'nope', reference: 'nope' }, // unparseable number: invalid, exact still counts
    ]
    const res = await post('/v1/score', { spec: SPEC, items })
    expect(res.status).toBe(200)
    expect(res.body.spec).toEqual({
      rewards: [
        { key: 'number', rewardId: 'number', rewardVersion: 1, params: { scale: 1 } },
        { key: 'exact', rewardId: 'exact', rewardVersion: 1, params: { scale: 1 } },
      ],
      componentKeys: ['number', 'number.raw', 'exact'],
      scopes: {}, // no route: every component applies to every item
    })
    expect(res.body.results).toEqual([
      { id: 'a', score: 3, valid: true, components: { number: 1, 'number.raw': 1, exact: 1 } },
      { id: '1', score: 0.5, valid: true, components: { number: 0.5, 'number.raw': 0.5, exact: 0 } },
      {
        id: '7',
        score: 2,
        valid: false,
        components: { number: 0, 'number.raw': 0, exact: 1 },
        reason: {
          code: 'unparseable_answer',
          side: 'response',
          expected: 'a number',
          text: 'nope',
          component: 'number',
        },
      },
    ])
  })

  it("uses the server's --spec when none is inline, and says so when there is none", async () => {
    expect(
      (await testApp({ specText: 'reward: number' }).post('/v1/score', { items: [{ response: '4' }] })).body,
    ).toMatchObject({ results: [{ score: 4 }] })
    const res = await testApp().post('/v1/score', { items: [] })
    expect(res.status).toBe(400)
    expect((res.body.error as { code: string }).code).toBe('no_spec')
  })

  it('accepts an empty batch', async () => {
    expect((await testApp().post('/v1/score', { spec: 'number', items: [] })).body.results).toEqual([])
  })

  it('a reward that throws is an item error with the onError score, not a failed request', async () => {
    const res = await testApp().post('/v1/score', { spec: { reward: 'boom', onError: -1 }, items: [{ response: '' }] })
    expect(res.body.results).toEqual([
      {
        id: '0',
        score: -1,
        valid: false,
        components: { boom: 0 },
        reason: { code: 'reward_error', message: 'a bug in the reward', component: 'boom' },
        error: { code: 'reward_error', message: 'boom: a bug in the reward' },
      },
    ])
  })

  it('a slow asynchronous item times out alone; the batch answers on time', async () => {
    const { post } = testApp({ timeoutMs: 100 })
    const started = Date.now()
    const res = await post('/v1/score', {
      spec: 'sleepy',
      items: [
        { response: '', meta: { ms: 10 } },
        { response: '', meta: { ms: 5000 } },
      ],
    })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(res.body.results).toMatchObject([
      { score: 1, valid: true },
      { score: 0, valid: false, error: { code: 'timeout' } },
    ])
  })

  it.each([
    // malformed JSON names the problem
    ['{"items": [', 400, 'malformed_json', undefined],
    ['', 400, 'malformed_json', undefined],
    // wrong types carry the JSON path of each problem
    [{ items: [{ response: 1 }] }, 400, 'invalid_request', 'items[0].response'],
    [{ items: 'x' }, 400, 'invalid_request', 'items'],
    [
      { spec: 'number', items: [{ response: '1', images: [{ input_width: 3 }] }] },
      400,
      'invalid_request',
      'items[0].images[0]',
    ],
    // a bad inline spec is reported inside "spec"
    [{ spec: { sum: ['number', { reward: 'nope' }] }, items: [] }, 400, 'invalid_spec', 'spec.sum[1].reward'],
    [{ spec: { reward: 'number', params: { scale: 'x' } }, items: [] }, 400, 'invalid_spec', 'spec.params.scale'],
  ])('%j → %d %s at %s', async (body, status, code, path) => {
    const res = await testApp().post('/v1/score', body)
    expect(res.status).toBe(status)
    const error = res.body.error as { code: string; message: string; issues?: { path: string }[] }
    expect(error.code).toBe(code)
    expect(error.message).not.toMatch(/at .*\.ts:\d+/) // never a stack
    if (path) expect(error.issues?.map((i) => i.path)).toContain(path)
  })

  it('refuses image paths outside --allow-dir and URLs outside --allow-url (403, with paths)', async () => {
    const res = await testApp().post('/v1/score', {
      spec: 'number',
      items: [{ response: '1', images: [{ path: '/etc/passwd', url: 'http://evil.example/x.png' }] }],
    })
    expect(res.status).toBe(403)
    expect(res.body.error).toMatchObject({
      code: 'image_not_allowed',
      issues: [
        { path: 'items[0].images[0].path', message: expect.stringContaining('--allow-dir') },
        { path: 'items[0].images[0].url', message: 'host evil.example is not in --allow-url' },
      ],
    })
  })

  it('answers 413 over --max-batch and 503 with Retry-After when the queue is full', async () => {
    const { post, deps } = testApp({ limits: { maxBatchItems: 2, maxPendingItems: 3 } })
    const big = await post('/v1/score', {
      spec: 'number',
      items: [{ response: '1' }, { response: '1' }, { response: '1' }],
    })
    expect(big.status).toBe(413)
    expect((big.body.error as { code: string }).code).toBe('too_many_items')
    const hold = deps.admission.enterItems(2) // another request holds 2 of the 3 places
    const busy = await post('/v1/score', { spec: 'number', items: [{ response: '1' }, { response: '1' }] })
    expect(busy.status).toBe(503)
    expect(busy.headers.get('retry-after')).toBe('1')
    hold()
    expect((await post('/v1/score', { spec: 'number', items: [{ response: '1' }, { response: '1' }] })).status).toBe(
      200,
    )
  })

  it('answers 413 for a body over --max-body', async () => {
    const res = await testApp({ maxBodyBytes: 100 }).post('/v1/score', {
      spec: 'number',
      items: [{ response: 'x'.repeat(200) }],
    })
    expect(res.status).toBe(413)
    expect((res.body.error as { code: string }).code).toBe('body_too_large')
  })
})
