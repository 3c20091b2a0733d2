/**
 * The server under hostile input and load, over a real socket: it stays up, answers exactly what it accepted
 * (every result, in order) and never presents a partial answer as complete.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { request } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { testRegistry } from '../../src/server/fixtures/app.js'
import { listen, type RunningServer } from '../../src/server/node.js'
import { inProcessScorer } from '../../src/server/scoring.js'

interface Answer {
  status: number
  body: string
}

/** POSTs `body` (a string, or a generator of chunks sent without Content-Length). */
function post(url: string, path: string, body: string | (() => Generator<string>), headers = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
    })
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    if (typeof body === 'string') req.end(body)
    else {
      const chunks = body()
      const pump = () => {
        for (let next = chunks.next(); !next.done; next = chunks.next())
          if (!req.write(next.value)) return void req.once('drain', pump)
        req.end()
      }
      pump()
    }
  })
}

const json = (a: Answer) => JSON.parse(a.body) as Record<string, unknown>
const codeOf = (a: Answer) => (json(a).error as { code: string }).code

describe('reliability over a socket', () => {
  let server: RunningServer
  const healthy = async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

  beforeAll(async () => {
    const app = createApp({
      registry: testRegistry,
      processMetrics: false,
      log: () => {},
      scorer: inProcessScorer({ chunk: 16 }),
    })
    server = await listen(app, { port: 0, requestTimeoutMs: 1500, headersTimeoutMs: 1000, graceMs: 2000 })
  })
  afterAll(() => server?.close())

  it('malformed JSON and wrong types are 400s with paths; the server stays up', async () => {
    for (const body of ['{"items": [', '[]]', 'null', '\u0000\u0001']) {
      const res = await post(server.url, '/v1/score', body)
      expect(res.status).toBe(400)
    }
    const wrong = await post(server.url, '/v1/score', JSON.stringify({ spec: 'number', items: [{ response: 1 }, {}] }))
    expect(wrong.status).toBe(400)
    expect((json(wrong).error as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual([
      'items[0].response',
      'items[1].response',
    ])
    await healthy()
  })

  it('refuses a declared 100 MB body with 413 before reading it', async () => {
    const started = performance.now()
    const res = await new Promise<Answer>((resolve, reject) => {
      const req = request(`${server.url}/v1/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': 100 * 1024 ** 2 },
      })
      req.on('response', (r) => {
        let text = ''
        r.on('data', (d) => (text += d))
        r.on('end', () => {
          resolve({ status: r.statusCode ?? 0, body: text })
          req.destroy()
        })
      })
      req.on('error', (e) => (e.message.includes('EPIPE') || e.message.includes('ECONNRESET') ? undefined : reject(e)))
      req.write('{"items": [')
    })
    expect(res.status).toBe(413)
    expect(codeOf(res)).toBe('body_too_large')
    expect(performance.now() - started).toBeLessThan(2000)
    await healthy()
  })

  it('stops reading a 100 MB chunked body at the 64 MiB limit (no Content-Length)', async () => {
    // its own server: the shared one's short request timeout (for the slow client) would cut this upload first
    const big = await listen(createApp({ registry: testRegistry, processMetrics: false }), { port: 0 })
    const chunk = `{"response": "${'x'.repeat(1000)}"},`
    try {
      const res = await post(big.url, '/v1/score', function* () {
        yield '{"spec": "number", "items": ['
        for (let sent = 0; sent < 100 * 1024 ** 2; sent += chunk.length) yield chunk
        yield '{"response": "1"}]}'
      }).catch((e: Error) => ({ status: -1, body: e.message }))
      // either the 413 arrives, or the socket is cut right after it: never a 200
      if (res.status !== -1) expect(res.status).toBe(413)
      expect((await fetch(`${big.url}/healthz`)).status).toBe(200)
    } finally {
      await big.close()
    }
  }, 60_000)

  it('refuses a million items with 413 (too_many_items), cheaply', async () => {
    const body = `{"spec":"number","items":[${Array.from({ length: 1_000_000 }, () => '{"response":"1"}').join(',')}]}`
    const started = performance.now()
    const res = await post(server.url, '/v1/score', body)
    expect(res.status).toBe(413)
    expect(codeOf(res)).toBe('too_many_items')
    expect(performance.now() - started).toBeLessThan(10_000)
    await healthy()
  }, 30_000)

  it('a slow client is cut off by the request timeout while others are served', async () => {
    const socket = connect(server.port, '127.0.0.1')
    let answer = ''
    socket.on('data', (d) => (answer += d))
    const closed = new Promise((done) => socket.on('close', done))
    socket.write(
      'POST /v1/score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"items"',
    )
    const drip = setInterval(() => socket.writable && socket.write(' '), 100)
    await healthy() // served while the slow client dribbles
    await closed
    clearInterval(drip)
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    await healthy()
  })

  it('a client that disconnects mid-batch leaves nothing behind', async () => {
    const items = Array.from({ length: 64 }, () => ({ response: '', meta: { ms: 20 } }))
    const controller = new AbortController()
    const pending = fetch(`${server.url}/v1/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ spec: 'spin', items }),
      signal: controller.signal,
    }).catch((e: Error) => e.name)
    await new Promise((r) => setTimeout(r, 100))
    controller.abort()
    expect(await pending).toBe('AbortError')
    let left = -1
    for (const stop = Date.now() + 5000; left !== 0 && Date.now() < stop; await new Promise((r) => setTimeout(r, 50)))
      left = ((await (await fetch(`${server.url}/healthz`)).json()) as { pendingItems: number }).pendingItems
    expect(left).toBe(0)
    // the dropped batch was never counted as scored
    expect(await (await fetch(`${server.url}/metrics`)).text()).not.toContain('reward="spin"')
    const after = await post(server.url, '/v1/score', JSON.stringify({ spec: 'number', items: [{ response: '2' }] }))
    expect(json(after).results).toEqual([
      { id: '0', score: 2, valid: true, components: { number: 2, 'number.raw': 2 } },
    ])
  })
})

describe('SIGTERM under load', () => {
  let child: ChildProcess
  let url: string
  let stderr = ''

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/server/fixtures/cli.ts',
        'serve',
        '--port',
        '0',
        '--workers',
        '0',
        '--plugin',
        'src/server/fixtures/test-pack.ts',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    child.stderr?.setEncoding('utf8')
    url = await new Promise<string>((resolve, reject) => {
      child.stderr?.on('data', (d: string) => {
        stderr += d
        const m = /listening on (http:\/\/[^ ]+)/.exec(stderr)
        if (m) resolve(m[1] as string)
      })
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
    })
  }, 60_000)
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })

  it('finishes every accepted batch in full, refuses new work, exits 0', async () => {
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `i${i}`, response: '', meta: { ms: 300 + (i % 5) * 20 } }))
    const inflight = Array.from({ length: 8 }, () =>
      post(url, '/v1/score', JSON.stringify({ spec: 'sleepy', items: batch(20) })),
    )
    // SIGTERM once all 8 batches are accepted (160 items admitted), not while they sit in the accept backlog
    for (let admitted = 0; admitted < 160; await new Promise((r) => setTimeout(r, 10)))
      admitted = ((await (await fetch(`${url}/healthz`)).json()) as { pendingItems: number }).pendingItems
    const exited = new Promise<number | null>((done) => child.on('exit', done))
    child.kill('SIGTERM')
    const answers = await Promise.all(inflight)
    for (const a of answers) {
      expect(a.status).toBe(200)
      const results = json(a).results as { id: string; score: number; valid: boolean }[]
      expect(results.map((r) => r.id)).toEqual(batch(20).map((b) => b.id))
      expect(results.every((r) => r.valid && r.score === 1)).toBe(true)
    }
    const late = await post(url, '/v1/score', JSON.stringify({ spec: 'number', items: [{ response: '1' }] })).catch(
      (e: NodeJS.ErrnoException) => ({ status: 0, body: e.code ?? '' }),
    )
    expect(late.status === 503 || late.body === 'ECONNREFUSED').toBe(true)
    expect(await exited).toBe(0)
    expect(stderr).toContain('SIGTERM: finishing in-flight requests')
  }, 60_000)
})
