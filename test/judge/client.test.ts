import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { JudgeMessage } from '../../src/core/judge.js'
import { sqliteCache } from '../../src/judge/cache.js'
import { createJudgeClient, JudgeCallError, type JudgeClientOptions } from '../../src/judge/client.js'
import { type FakeOpenAiServer, scripted, startFakeOpenAi } from '../../src/judge/testing/fake-openai-server.js'

let server: FakeOpenAiServer
let dir: string
const fast = { retry: { baseDelayMs: 5, retries: 3 }, timeoutMs: 2000 } satisfies Partial<JudgeClientOptions>
const ask: JudgeMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'Is it a cat?' }] }]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-judge-'))
  await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#c33' } })
    .png()
    .toFile(join(dir, 'wide.png'))
  writeFileSync(join(dir, 'not-an-image.png'), 'hello')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(async () => server?.close())

const start = async (script: Parameters<typeof scripted>[0], extra: Parameters<typeof startFakeOpenAi>[0] = {}) => {
  server = await startFakeOpenAi({ script: scripted(script), ...extra })
  return server
}

describe('judge client: requests and replies', () => {
  it('sends a chat completion with fixed defaults and reads text, usage and logprobs', async () => {
    await start([
      {
        text: 'Yes',
        usage: { prompt_tokens: 50, completion_tokens: 1 },
        logprobs: [
          {
            token: 'Yes',
            logprob: -0.1,
            top_logprobs: [
              { token: 'Yes', logprob: -0.1 },
              { token: 'No', logprob: -2.4 },
            ],
          },
        ],
      },
    ])
    const client = createJudgeClient({ url: server.url, model: 'qwen-vl', apiKey: 'k', ...fast })
    const reply = await client.complete(ask, { logprobs: true, topLogprobs: 5 })
    expect(reply).toMatchObject({
      text: 'Yes',
      cached: false,
      model: 'qwen-vl',
      usage: { promptTokens: 50, completionTokens: 1, totalTokens: 51 },
    })
    expect(reply.logprobs?.[0]?.top).toEqual([
      { token: 'Yes', logprob: -0.1 },
      { token: 'No', logprob: -2.4 },
    ])
    expect(server.requests[0]?.body).toMatchObject({
      model: 'qwen-vl',
      temperature: 0,
      seed: 0,
      max_tokens: 512,
      logprobs: true,
      top_logprobs: 5,
    })
    expect(server.requests[0]?.authorization).toBe('Bearer k')
  })

  it('asks the endpoint for its model when none is configured', async () => {
    await start([{ text: 'ok' }], { models: ['served-vlm'] })
    const reply = await createJudgeClient({ url: server.url, ...fast }).complete(ask)
    expect(reply.model).toBe('served-vlm')
  })

  it('sends a path image as a data URL, shrunk to the longest side', async () => {
    await start([{ text: 'ok' }])
    const client = createJudgeClient({
      url: server.url,
      model: 'm',
      images: { allowDirs: [dir], maxSide: 512 },
      ...fast,
    })
    await client.complete([
      {
        role: 'user',
        content: [
          { type: 'image', image: { path: join(dir, 'wide.png') } },
          { type: 'text', text: 'what?' },
        ],
      },
    ])
    const content = server.requests[0]?.body.messages[0]?.content as { type: string; image_url?: { url: string } }[]
    const url = content[0]?.image_url?.url ?? ''
    expect(url).toMatch(/^data:image\/jpeg;base64,/)
    const meta = await sharp(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')).metadata()
    expect([meta.width, meta.height]).toEqual([512, 256])
  })

  it.each([
    ['a path with no --allow-dir', {}, { path: 'x.png' }, /no --allow-dir/],
    ['a path outside --allow-dir', { allowDirs: ['test'] }, { path: '/etc/passwd' }, /not under an --allow-dir/],
    ['a URL host not allowed', {}, { url: 'http://169.254.169.254/latest' }, /not in --allow-url/],
    ['a file that is not an image', 'dir', { path: 'not-an-image.png' }, /not a readable image/],
  ])('refuses %s before any request', async (_, access, image, message) => {
    await start([{ text: 'ok' }])
    const images = access === 'dir' ? { allowDirs: [dir] } : access
    const ref = access === 'dir' ? { path: join(dir, (image as { path: string }).path) } : image
    const client = createJudgeClient({ url: server.url, model: 'm', images, ...fast })
    await expect(client.complete([{ role: 'user', content: [{ type: 'image', image: ref }] }])).rejects.toThrow(message)
    expect(server.received).toBe(0)
  })

  it('refuses a symlink that leads outside --allow-dir', async () => {
    await start([{ text: 'ok' }])
    symlinkSync('/etc/hostname', join(dir, 'escape.png'))
    const client = createJudgeClient({ url: server.url, model: 'm', images: { allowDirs: [dir] }, ...fast })
    await expect(
      client.complete([{ role: 'user', content: [{ type: 'image', image: { path: join(dir, 'escape.png') } }] }]),
    ).rejects.toThrow(/link/)
  })
})

describe('judge client: faults', () => {
  it.each([
    ['HTTP 500', { status: 500 }],
    ['HTTP 503', { status: 503 }],
    ['a malformed JSON body', { malformed: true as const }],
    ['a timeout', { hang: true as const }],
  ])('retries after %s', async (_, fault) => {
    await start([fault, { text: 'fine' }])
    const client = createJudgeClient({ url: server.url, model: 'm', ...fast, timeoutMs: 300 })
    expect((await client.complete(ask)).text).toBe('fine')
    expect(server.received).toBe(2)
    expect(client.stats().retries).toBe(1)
  })

  it('honours Retry-After on 429', async () => {
    await start([{ status: 429, retryAfter: 1 }, { text: 'fine' }])
    const client = createJudgeClient({ url: server.url, model: 'm', ...fast })
    const t = performance.now()
    expect((await client.complete(ask)).text).toBe('fine')
    expect(performance.now() - t).toBeGreaterThanOrEqual(950)
  })

  it('gives up after its retries, saying what failed', async () => {
    await start([{ status: 502 }])
    const client = createJudgeClient({ url: server.url, model: 'm', ...fast })
    await expect(client.complete(ask)).rejects.toThrow(/HTTP 502.*gave up after 4 attempts/)
    expect(server.received).toBe(4)
  })

  it('does not retry a bad request', async () => {
    await start([{ status: 400, message: 'model "m" does not exist' }])
    const client = createJudgeClient({ url: server.url, model: 'm', ...fast })
    const err = await client.complete(ask).catch((e) => e)
    expect(err).toBeInstanceOf(JudgeCallError)
    expect(err).toMatchObject({ kind: 'request', status: 400 })
    expect(server.received).toBe(1)
  })

  it('returns a refusal as data, and does not cache it', async () => {
    await start([{ refusal: 'I cannot assess this image.' }, { text: 'ok' }])
    const client = createJudgeClient({ url: server.url, model: 'm', ...fast })
    expect((await client.complete(ask)).refusal).toBe('I cannot assess this image.')
    expect((await client.complete(ask)).text).toBe('ok')
  })

  it('opens the circuit after repeated failures and fails fast, then probes', async () => {
    await start([{ status: 500 }, { status: 500 }, { text: 'back' }])
    let now = 0
    const client = createJudgeClient({
      url: server.url,
      model: 'm',
      ...fast,
      retry: { retries: 0 },
      breaker: { threshold: 2, cooldownMs: 1000, now: () => now },
    })
    await expect(client.complete(ask)).rejects.toThrow(/HTTP 500/)
    await expect(client.complete(ask)).rejects.toThrow(/HTTP 500/)
    await expect(client.complete(ask)).rejects.toThrow(/circuit open/)
    expect(server.received).toBe(2)
    expect(client.stats().circuit).toBe('open')
    now = 1500
    expect((await client.complete(ask)).text).toBe('back')
    expect(client.stats().circuit).toBe('closed')
  })

  it('stops when the caller aborts', async () => {
    await start([{ hang: true }])
    const client = createJudgeClient({ url: server.url, model: 'm', ...fast })
    await expect(client.complete(ask, { signal: AbortSignal.timeout(100) })).rejects.toThrow()
  })
})

describe('judge client: orchestration', () => {
  it('keeps at most `concurrency` calls in flight to the endpoint', async () => {
    await start([{ text: 'ok' }], { latencyMs: 20 })
    const client = createJudgeClient({ url: server.url, model: 'm', concurrency: 4, cache: false, ...fast })
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.complete([{ role: 'user', content: `q${i}` }])))
    expect(server.received).toBe(20)
    expect(server.maxInFlight).toBe(4)
  })

  it('caches by content: the same request twice costs one call; another seed or image does not hit', async () => {
    await start([{ text: 'ok' }])
    const client = createJudgeClient({ url: server.url, model: 'm', ...fast })
    await client.complete(ask)
    const again = await client.complete(ask)
    expect(again).toMatchObject({ cached: true, latencyMs: 0, usage: { totalTokens: 0 } })
    await client.complete(ask, { seed: 7 })
    expect(server.received).toBe(2)
    expect(client.stats()).toMatchObject({ calls: 3, cacheHits: 1 })
  })

  it('keeps the cache in SQLite across clients', async () => {
    await start([{ text: 'persisted' }])
    const file = join(dir, 'cache', 'judge.sqlite')
    const first = createJudgeClient({ url: server.url, model: 'm', cache: sqliteCache(file), ...fast })
    await first.complete(ask)
    first.close()
    const second = createJudgeClient({ url: server.url, model: 'm', cache: sqliteCache(file, { memory: 1 }), ...fast })
    expect(await second.complete(ask)).toMatchObject({ text: 'persisted', cached: true })
    expect(server.received).toBe(1)
    second.close()
  })

  it('reports every call to listeners', async () => {
    await start([{ status: 500 }, { text: 'ok', usage: { prompt_tokens: 7, completion_tokens: 3 } }])
    const client = createJudgeClient({ url: server.url, model: 'm', ...fast })
    const events: unknown[] = []
    client.onCall((e) => events.push(e))
    await client.complete(ask)
    expect(events).toMatchObject([
      { model: 'm', outcome: 'ok', attempts: 2, usage: { promptTokens: 7, completionTokens: 3 } },
    ])
  })
})
