import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { cacheKey, Lru, sqliteCache } from './cache.js'
import { createJudgeClient } from './client.js'
import { startFakeOpenAi } from './testing/fake-openai-server.js'

const dir = mkdtempSync(join(tmpdir(), 'sightline-judge-cache-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('Lru', () => {
  it('never holds more than max, and keeps every key touched within the last max/2 writes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 60 })), { maxLength: 400 }),
        (max, ops) => {
          const lru = new Lru<number>(max)
          const touched: number[] = [] // keys in order of their last write or hit
          for (const [write, k] of ops) {
            const key = String(k)
            if (write) lru.set(key, k)
            const v = write ? k : lru.get(key)
            if (v !== undefined) {
              if (v !== k) return false // a value is never another key's
              const at = touched.indexOf(k)
              if (at !== -1) touched.splice(at, 1)
              touched.push(k)
            }
            if (lru.size > max) return false
          }
          // the most recent floor(max/2) distinct keys touched are all still there
          const recent = touched.slice(touched.length - Math.floor(max / 2))
          return recent.every((k) => lru.get(String(k)) === k)
        },
      ),
    )
  })

  it('refuses a size that is not a whole number ≥ 1', () => {
    expect(() => new Lru(0)).toThrow(RangeError)
    expect(() => new Lru(2.5)).toThrow(RangeError)
  })
})

describe('the cache key of a judge call', () => {
  it('is sha256 (base64url) of the canonical JSON it always was, so caches written before stay valid', async () => {
    // the canonical request: model, [role, text | {image, detail}, ...], temperature, top_p, max_tokens, seed,
    // stop, logprobs, top_logprobs (undefined ones as null)
    const canonical = JSON.stringify(['m', ['system', 'Be strict.', 'user', 'Is it a cat?'], 0, null, 64, 0, ['\n']])
    const want = createHash('sha256')
      .update(`${canonical.slice(0, -1)},null,null]`)
      .digest('base64url')
    const server = await startFakeOpenAi({ script: () => ({ text: 'yes' }) })
    try {
      const file = join(dir, 'golden.sqlite')
      const client = createJudgeClient({ url: server.url, model: 'm', cache: sqliteCache(file) })
      const messages = [
        { role: 'system' as const, content: 'Be strict.' },
        { role: 'user' as const, content: [{ type: 'text' as const, text: 'Is it a cat?' }] },
      ]
      await client.complete(messages, { maxTokens: 64, stop: ['\n'] })
      client.close()
      const db = new Database(file, { readonly: true })
      const keys = db.prepare('SELECT key FROM judge_replies').pluck().all()
      db.close()
      expect(keys).toEqual([want])
      expect(cacheKey(JSON.parse(`${canonical.slice(0, -1)},null,null]`))).toBe(want)
    } finally {
      await server.close()
    }
  })

  it('a hit is served without the endpoint, with usage zero and cached true; refusals are never cached', async () => {
    let n = 0
    const server = await startFakeOpenAi({ script: () => (n++ === 0 ? { refusal: 'no' } : { text: 'yes' }) })
    try {
      const client = createJudgeClient({ url: server.url, model: 'm' })
      const ask = [{ role: 'user' as const, content: 'Is it a cat?' }]
      expect((await client.complete(ask)).refusal).toBe('no')
      const first = await client.complete(ask)
      const again = await client.complete(ask)
      expect([first.cached, again.cached]).toEqual([false, true])
      expect(again.text).toBe('yes')
      expect(again.usage.totalTokens).toBe(0)
      expect(server.received).toBe(2)
      expect(client.stats()).toMatchObject({ calls: 3, cacheHits: 1, refusals: 1 })
    } finally {
      await server.close()
    }
  })
})
