import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net'
import { gzipSync } from 'node:zlib'
import OpenAI from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpFetch, type HttpFetch } from './http-fetch.js'

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void

const open: { close(): void }[] = []
afterEach(() => {
  for (const o of open.splice(0)) o.close()
})

/** A loopback server counting connections; `handler` answers each request once its body is read. */
async function serve(handler: Handler): Promise<{ url: string; connections: () => number; server: Server }> {
  let connections = 0
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  server.on('connection', (s) => {
    connections++
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  open.push({
    close() {
      for (const s of sockets) s.destroy()
      server.close()
    },
  })
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, connections: () => connections, server }
}

const client = (maxSockets = 4): HttpFetch => {
  const h = createHttpFetch({ maxSockets })
  open.push(h)
  return h
}

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(value))
}

describe('createHttpFetch: what fetch does', () => {
  it('sends method, headers and body; returns a real Response with status, headers, url and the body', async () => {
    const s = await serve((req, res, body) =>
      json(res, 201, { method: req.method, type: req.headers['content-type'], auth: req.headers.authorization, body }),
    )
    const res = await client().fetch(`${s.url}/v1/echo`, {
      method: 'post',
      headers: new Headers({ 'Content-Type': 'application/json', Authorization: 'Bearer k' }),
      body: '{"ü": 1}',
    })
    expect(res).toBeInstanceOf(Response)
    expect(res.status).toBe(201)
    expect(res.ok).toBe(true)
    expect(res.url).toBe(`${s.url}/v1/echo`)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(res.bodyUsed).toBe(false)
    expect(await res.json()).toEqual({
      method: 'POST',
      type: 'application/json',
      auth: 'Bearer k',
      body: '{"ü": 1}', // multi-byte: content-length must count bytes, not characters
    })
    expect(res.bodyUsed).toBe(true)
    await expect(res.text()).rejects.toThrow(TypeError) // a body reads once, as with fetch
  })

  it('serves the body as a stream, a clone, bytes or a blob, all agreeing with a stock Response', async () => {
    const s = await serve((_req, res) => json(res, 200, { a: [1, 2, 3] }))
    const f = client()
    const viaStream = await f.fetch(s.url)
    const chunks: Uint8Array[] = []
    for await (const c of viaStream.body as ReadableStream<Uint8Array>) chunks.push(c)
    expect(Buffer.concat(chunks).toString()).toBe('{"a":[1,2,3]}')
    expect(viaStream.bodyUsed).toBe(true)
    const original = await f.fetch(s.url)
    const copy = original.clone()
    expect(await original.text()).toBe(await copy.text())
    expect(new TextDecoder().decode(await (await f.fetch(s.url)).arrayBuffer())).toBe('{"a":[1,2,3]}')
    const blob = await (await f.fetch(s.url)).blob()
    expect(blob.type).toBe('application/json')
    expect(await blob.text()).toBe('{"a":[1,2,3]}')
  })

  it('returns non-2xx replies as responses (the caller decides), headers such as Retry-After intact', async () => {
    const s = await serve((_req, res) => json(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '3' }))
    const res = await client().fetch(s.url, { method: 'POST', body: '{}' })
    expect(res.ok).toBe(false)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('3')
    expect(await res.json()).toEqual({ error: { message: 'slow down' } })
  })

  it('gives a null body for 204 and HEAD', async () => {
    const s = await serve((req, res) => {
      res.writeHead(req.method === 'HEAD' ? 200 : 204, { 'content-length': req.method === 'HEAD' ? '12' : '0' })
      res.end()
    })
    const none = await client().fetch(s.url, { method: 'DELETE' })
    expect(none.status).toBe(204)
    expect(none.body).toBeNull()
    expect(await none.text()).toBe('')
    expect((await client().fetch(s.url, { method: 'HEAD' })).body).toBeNull()
  })

  it('decodes a gzip reply and drops the encoding headers', async () => {
    const s = await serve((_req, res) => {
      const z = gzipSync(JSON.stringify({ zipped: true }))
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': z.length })
      res.end(z)
    })
    const res = await client().fetch(s.url)
    expect(res.headers.get('content-encoding')).toBeNull()
    expect(await res.json()).toEqual({ zipped: true })
  })

  it('follows redirects: 307 keeps method and body, 303 turns to GET; cross-origin drops Authorization', async () => {
    const other = await serve((req, res) => json(res, 200, { auth: req.headers.authorization ?? null }))
    const s = await serve((req, res, body) => {
      if (req.url === '/keep') return json(res, 307, {}, { location: '/echo' })
      if (req.url === '/see') return json(res, 303, {}, { location: '/echo' })
      if (req.url === '/away') return json(res, 302, {}, { location: `${other.url}/x` })
      json(res, 200, { method: req.method, body, auth: req.headers.authorization ?? null })
    })
    const f = client()
    const post = { method: 'POST', body: 'payload', headers: { authorization: 'Bearer k' } }
    const kept = await f.fetch(`${s.url}/keep`, post)
    expect(kept.redirected).toBe(true)
    expect(kept.url).toBe(`${s.url}/echo`)
    expect(await kept.json()).toEqual({ method: 'POST', body: 'payload', auth: 'Bearer k' })
    expect(await (await f.fetch(`${s.url}/see`, post)).json()).toEqual({ method: 'GET', body: '', auth: 'Bearer k' })
    expect(await (await f.fetch(`${s.url}/away`, post)).json()).toEqual({ auth: null })
    expect((await f.fetch(`${s.url}/keep`, { ...post, redirect: 'manual' })).status).toBe(307)
    await expect(f.fetch(`${s.url}/keep`, { ...post, redirect: 'error' })).rejects.toThrow('fetch failed')
  })
})

describe('createHttpFetch: failures are shaped like fetch’s', () => {
  it('rejects at once with the reason of an already aborted signal, sending nothing', async () => {
    let hits = 0
    const s = await serve((_req, res) => {
      hits++
      json(res, 200, {})
    })
    const c = new AbortController()
    c.abort()
    await expect(client().fetch(s.url, { signal: c.signal })).rejects.toMatchObject({ name: 'AbortError' })
    expect(hits).toBe(0)
  })

  it('aborts a request in flight: rejects with the signal’s reason and closes the socket', async () => {
    let closed = false
    const s = await serve((req) => req.socket.on('close', () => (closed = true))) // never answers
    const c = new AbortController()
    const pending = client().fetch(s.url, { method: 'POST', body: '{}', signal: c.signal })
    setTimeout(() => c.abort(), 30)
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await new Promise((r) => setTimeout(r, 50))
    expect(closed).toBe(true) // a hung request must not keep holding a pooled socket
  })

  it('times out through AbortSignal.timeout (how openai applies its per-attempt timeout)', async () => {
    const s = await serve(() => {})
    const started = performance.now()
    await expect(client().fetch(s.url, { signal: AbortSignal.timeout(60) })).rejects.toMatchObject({
      name: 'TimeoutError',
    })
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('rejects a refused connection with TypeError("fetch failed") whose cause says ECONNREFUSED', async () => {
    const s = await serve(() => {})
    open.pop()?.close()
    await new Promise<void>((r) => s.server.close(() => r()))
    const e = await client()
      .fetch(s.url)
      .catch((err: unknown) => err)
    expect(e).toBeInstanceOf(TypeError)
    expect((e as TypeError).message).toBe('fetch failed')
    expect(((e as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED')
  })

  it('fails when the server hangs up mid-reply, and when a reply is larger than allowed', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
      res.write('{"partial": ')
      if (req.url === '/cut') setTimeout(() => req.socket.destroy(), 10)
      else res.end('x'.repeat(988))
    })
    await expect(client().fetch(`${s.url}/cut`)).rejects.toThrow('fetch failed')
    const small = createHttpFetch({ maxSockets: 1, maxBodyBytes: 100 })
    open.push(small)
    const e = await small.fetch(`${s.url}/big`).catch((err: unknown) => err)
    expect(((e as TypeError).cause as Error).message).toMatch(/over 100 bytes/)
  })
})

describe('createHttpFetch: the keep-alive pool', () => {
  it('reuses sockets and never opens more than maxSockets', async () => {
    const s = await serve((_req, res) => setTimeout(() => json(res, 200, {}), 20))
    const f = client(3)
    await Promise.all(Array.from({ length: 12 }, () => f.fetch(s.url).then((r) => r.json())))
    expect(s.connections()).toBe(3)
    for (let i = 0; i < 5; i++) await (await f.fetch(s.url)).text()
    expect(s.connections()).toBe(3)
  })

  it('closes idle sockets after idleTimeoutMs, yet never cuts a request that takes longer than that', async () => {
    let closed = 0
    const s = await serve((req, res) => {
      req.socket.once('close', () => closed++)
      setTimeout(() => json(res, 200, { slow: true }), 250)
    })
    const f = createHttpFetch({ maxSockets: 2, idleTimeoutMs: 80 })
    open.push(f)
    expect(await (await f.fetch(s.url)).json()).toEqual({ slow: true }) // 250 ms in use > 80 ms idle timeout
    expect(closed).toBe(0)
    await new Promise((r) => setTimeout(r, 300))
    expect(closed).toBe(1) // idle past 80 ms: the client hung up, before the server's own keep-alive timeout
  })

  it('retries once, on a new socket, when the server dropped a kept-alive socket it had not answered on', async () => {
    // a raw server that answers the first request of each connection and resets it on the second
    const seen = new Map<Socket, number>()
    const server = createNetServer((sock) => {
      sock.on('data', () => {
        const n = (seen.get(sock) ?? 0) + 1
        seen.set(sock, n)
        if (n === 1) sock.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok')
        else sock.resetAndDestroy()
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    open.push({ close: () => server.close() })
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const f = client(1)
    expect(await (await f.fetch(url)).text()).toBe('ok')
    expect(await (await f.fetch(url)).text()).toBe('ok') // first try on the reused socket is reset
    expect(seen.size).toBe(2)
  })
})

describe('createHttpFetch under the openai package', () => {
  it('carries a chat completion, and openai’s own timeout and status errors', async () => {
    const s = await serve((req, res, body) => {
      if (req.url?.includes('slow')) return
      const { model } = JSON.parse(body) as { model: string }
      if (model === 'busy') return json(res, 503, { error: { message: 'busy' } })
      json(res, 200, {
        id: 'x',
        object: 'chat.completion',
        created: 0,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: 'yes' }, finish_reason: 'stop' }],
      })
    })
    const f = client()
    const ai = new OpenAI({ baseURL: `${s.url}/v1`, apiKey: 'k', maxRetries: 0, timeout: 100, fetch: f.fetch })
    const done = await ai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
    expect(done.choices[0]?.message.content).toBe('yes')
    await expect(
      ai.chat.completions.create({ model: 'busy', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toBeInstanceOf(OpenAI.InternalServerError)
    const slow = new OpenAI({ baseURL: `${s.url}/slow`, apiKey: 'k', maxRetries: 0, timeout: 100, fetch: f.fetch })
    await expect(
      slow.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError)
  })
})
