/**
 * `scoreJson`: items cross to the workers as JSON text and results come back as text. It must answer exactly what
 * `score` answers (same order, ids, timeouts), and its stats must count what the results say.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEST_PACK } from '../../test/helpers.js'
import { imagePolicy } from './image-policy.js'
import { createScoringPool } from './pool.js'

const pool = createScoringPool({ workers: 2, plugins: [TEST_PACK], chunkSize: 5 })
afterAll(() => pool.close())
const SPEC = 'sum: [echo-number, { reward: hang, weight: 0 }]'

describe('scoreJson', () => {
  it('is the JSON text of what score resolves with, deadlines included, with matching stats', async () => {
    // a timeout in the middle of a chunk, numeric ids, a missing response (bad_item), across several chunks
    const items: unknown[] = Array.from({ length: 23 }, (_, i) => ({ response: String(i), reference: 0, id: i }))
    items[7] = { response: 'hang', reference: 0 }
    items[12] = { reference: 0 }
    const options = { timeoutMs: 300, offset: 100 }
    const { json, stats } = await pool.scoreJson(SPEC, structuredClone(items), options)
    const results = await pool.score(SPEC, structuredClone(items), options)
    expect(JSON.parse(`[${json}]`)).toEqual(results)
    expect(results[7]).toMatchObject({ id: '107', error: { code: 'timeout' } })
    expect(results[12]).toMatchObject({ id: '112', error: { code: 'bad_item' } })
    expect(stats.items).toBe(23)
    expect(stats.errors).toEqual({ timeout: 1, bad_item: 1 })
    expect(stats.n[0]).toBe(22) // the bad entry stays out of the score stats
  })

  it('answers empty text for no items', async () => {
    expect((await pool.scoreJson(SPEC, [])).json).toBe('')
  })
})

const utf8 = (v: unknown) => new TextEncoder().encode(JSON.stringify(v))
const scoresOf = (json: string) => (JSON.parse(`[${json}]`) as { score: number }[]).map((r) => r.score)

describe('scoreJson with itemsText', () => {
  const items = Array.from({ length: 12 }, (_, i) => ({ response: String(i), reference: 0 }))
  const sliceOf = (list: unknown[]) => (from: number, to: number) => utf8(list.slice(from, to))

  it("scores the caller's text of the items, chunk by chunk", async () => {
    // the text differs from the items on purpose, to show which one the workers read
    const text = items.map((it) => ({ ...it, response: String(Number(it.response) * 10) }))
    const { json } = await pool.scoreJson(SPEC, items, { itemsText: sliceOf(text) })
    expect(scoresOf(json)).toEqual(items.map((_, i) => i * 10))
  })

  it('refuses to answer when the text holds a different number of items', async () => {
    const short = sliceOf(items.slice(1))
    await expect(pool.scoreJson(SPEC, items, { itemsText: short })).rejects.toThrow(/scored 11 entries for 12 items/)
  })
})

describe('scoreText', () => {
  const items = Array.from({ length: 12 }, (_, i) => ({ response: String(i), reference: 0, id: i }))
  const sliceOf = (list: unknown[]) => (from: number, to: number) => utf8(list.slice(from, to))

  it('scores items it parses itself, as scoreJson scores them parsed', async () => {
    const text = await pool.scoreText(SPEC, items.length, sliceOf(items), { offset: 3 })
    const json = await pool.scoreJson(SPEC, structuredClone(items), { offset: 3 })
    expect(text).toEqual(json)
    expect(scoresOf((text as { json: string }).json)).toEqual(items.map((_, i) => i))
  })

  it('refuses the whole call for one item off the plain path, so the caller checks the request itself', async () => {
    const refused = async (list: unknown[], count = list.length) =>
      expect(await pool.scoreText(SPEC, count, sliceOf(list))).toBeUndefined()
    const withItem = (k: number, item: unknown) => items.map((it, i) => (i === k ? item : it))
    await refused(withItem(9, { response: 1 })) // the schema refuses it
    await refused(withItem(9, { response: '1', extra: true })) // the schema would drop a key
    await refused(withItem(9, { response: '1', task: null })) // ... or refuse a null
    await refused(withItem(9, { response: '1', images: [{ path: '/etc/passwd' }] })) // the image policy must see it
    await refused(withItem(9, { response: '1', images: [{ url: 'http://x/a.png' }] }))
    await refused(items, items.length + 1) // the text holds fewer items than said
    const broken = (from: number, to: number) => {
      const bytes = sliceOf(items)(from, to)
      return to === items.length ? bytes.subarray(0, bytes.length - 1) : bytes // not JSON
    }
    expect(await pool.scoreText(SPEC, items.length, broken)).toBeUndefined()
  })

  it('takes image paths and URLs its image policy allows, and refuses the call for one it does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-images-'))
    writeFileSync(join(dir, 'a.png'), '')
    const images = imagePolicy([dir], ['images.example.com'])
    const withImages = (refs: unknown[]) =>
      items.map((it, i) => (i === 4 ? { ...it, images: refs } : it)) as unknown as unknown[]
    const score = (list: unknown[]) => pool.scoreText(SPEC, list.length, sliceOf(list), { images })
    expect(
      await score(withImages([{ path: join(dir, 'a.png') }, { url: 'https://images.example.com/b.png' }])),
    ).toBeDefined()
    expect(await score(withImages([{ path: join(dir, 'missing.png') }]))).toBeUndefined()
    expect(await score(withImages([{ path: join(dir, '..', 'a.png') }]))).toBeUndefined()
    expect(await score(withImages([{ url: 'https://elsewhere.example.com/b.png' }]))).toBeUndefined()
  })
})
