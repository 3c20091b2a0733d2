import { describe, expect, it } from 'vitest'
import { testApp } from '../fixtures/app.js'
import type { BatchScorer } from '../scoring.js'

describe('operations routes', () => {
  it('/healthz is live, and 503 while draining', async () => {
    const { app, drain } = testApp({ specText: 'number' })
    expect(await (await app.request('/healthz')).json()).toEqual({
      status: 'ok',
      rewards: 5,
      spec: true,
      pendingItems: 0,
    })
    drain()
    expect((await app.request('/healthz')).status).toBe(503)
    const refused = await app.request('/v1/score', { method: 'POST', body: '{"items":[]}' })
    expect(refused.status).toBe(503)
  })

  it('/metrics counts requests, items per reward and item errors in Prometheus text', async () => {
    const { app, post } = testApp()
    await post('/v1/score', { spec: { sum: ['number', 'boom'] }, items: [{ response: '1' }, { response: '2' }] })
    const text = await (await app.request('/metrics')).text()
    expect(text).toContain('sightline_http_requests_total{route="/v1/score",method="POST",status="200"} 1')
    expect(text).toContain('sightline_items_scored_total{reward="number"} 2')
    expect(text).toContain('sightline_item_errors_total{code="reward_error"} 2')
    expect(text).toMatch(/sightline_http_request_duration_seconds_bucket\{le="0\.1",route="\/v1\/score"\} 1/)
    expect(text).toContain('sightline_pool_utilization 0')
  })

  it('/metrics counts a routed reward only for the items its route sends to it, however deep the route', async () => {
    const { app, post } = testApp()
    const spec = { sum: [{ route: { cases: { count: 'number', answer: 'exact' } } }, { reward: 'number', name: 'n2' }] }
    const items = [
      { response: '1', task: 'answer', reference: '1' },
      { response: '2', task: 'answer', reference: '2' },
      { response: '3', task: 'count' },
    ]
    const answer = await post('/v1/score', { spec, items })
    expect(answer.status).toBe(200)
    const route = { by: 'task', cases: ['count', 'answer'], default: false }
    expect((answer.body.spec as { scopes: unknown }).scopes).toEqual({
      number: [{ ...route, in: ['count'] }],
      'number.raw': [{ ...route, in: ['count'] }],
      exact: [{ ...route, in: ['answer'] }],
    })
    const text = await (await app.request('/metrics')).text()
    expect(text).toContain('sightline_items_scored_total{reward="exact"} 2')
    // one `number` under the route (the count item) and one outside it (every item)
    expect(text).toContain('sightline_items_scored_total{reward="number"} 4')
  })

  it('/openapi.json is generated from the schemas; /docs renders it without a CDN', async () => {
    const { app } = testApp()
    const doc = (await (await app.request('/openapi.json')).json()) as {
      openapi: string
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual([
      '/v1/score',
      '/get_reward',
      '/v1/fine_tuning/alpha/graders/run',
      '/v1/fine_tuning/alpha/graders/validate',
      '/v1/rewards',
      '/healthz',
      '/metrics',
    ])
    expect(JSON.stringify(doc.paths['/get_reward']?.post?.requestBody)).toContain('"query"')
    const html = await (await app.request('/docs')).text()
    expect(html).toContain("fetch('openapi.json')")
    expect(html).not.toMatch(/https?:\/\//)
  })

  it('/v1/rewards lists the registry', async () => {
    const list = (await (await testApp().app.request('/v1/rewards')).json()) as { id: string }[]
    expect(list.map((r) => r.id)).toEqual(['boom', 'exact', 'number', 'sleepy', 'spin'])
  })

  it('a bearer token guards every route but /healthz', async () => {
    const { app, post } = testApp({ token: 's3cret' })
    expect((await app.request('/healthz')).status).toBe(200)
    const denied = await post('/v1/score', { spec: 'number', items: [] })
    expect(denied.status).toBe(401)
    expect(denied.body).toEqual({
      error: { code: 'unauthorized', message: 'missing or wrong bearer token (Authorization: Bearer <token>)' },
    })
    expect((await post('/v1/score', { spec: 'number', items: [] }, { authorization: 'Bearer wrong!' })).status).toBe(
      401,
    )
    expect((await post('/v1/score', { spec: 'number', items: [] }, { authorization: 'Bearer s3cret' })).status).toBe(
      200,
    )
  })

  it('an unexpected failure is logged and answered 500 without a stack or message', async () => {
    const logged: unknown[] = []
    const scorer: BatchScorer = {
      score: () => Promise.reject(new Error('secret internal detail')),
      utilization: () => ({ busy: 0, size: 1 }),
      close: async () => {},
    }
    const res = await testApp({ scorer, log: (e) => logged.push(e) }).post('/v1/score', {
      spec: 'number',
      items: [{ response: '1' }],
    })
    expect(res.status).toBe(500)
    expect(res.body).toEqual({ error: { code: 'internal_error', message: 'internal server error' } })
    expect(logged).toHaveLength(1)
  })

  it('unknown routes are a JSON 404', async () => {
    const res = await testApp().app.request('/nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /nope' } })
  })
})
