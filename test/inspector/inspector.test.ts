/**
 * End to end: the demo run in a real store, served by the real app on a socket, driven in Chromium at 1280×800.
 * Opens the demo, a group (checking that boxes land on the right pixels), filters, and re-scores. Screenshots go
 * to $SIGHTLINE_SHOTS (default: a temp folder) for a person to look at.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultRegistry } from '../../src/rewards/packs.js'
import { createApp, listen, type RunningServer } from '../../src/server/index.js'
import { buildDemo, openStore, type SqliteStore } from '../../src/store/index.js'
import { launch } from './browser.js'

const WEB = resolve('web/dist')
const dir = mkdtempSync(join(tmpdir(), 'sightline-e2e-'))
const shots = process.env.SIGHTLINE_SHOTS ?? join(dir, 'shots')
let store: SqliteStore
let server: RunningServer
let browser: BrowserContext
let page: Page
let runId: number

beforeAll(async () => {
  if (!existsSync(join(WEB, 'index.html')))
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' })
  mkdirSync(shots, { recursive: true })
  store = openStore(join(dir, 'db.sqlite'))
  runId = (await buildDemo(store)).run.id
  const app = createApp({
    registry: defaultRegistry(),
    processMetrics: false,
    log: () => {},
    inspector: { store, webRoot: WEB },
  })
  server = await listen(app, { port: 0, graceMs: 100 })
  browser = await launch()
  page = await browser.newPage()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await store?.close()
  if (!process.env.SIGHTLINE_SHOTS) rmSync(dir, { recursive: true, force: true })
})

describe('inspector in Chromium', () => {
  it('opens the demo run from the runs list and shows the dashboard and findings', async () => {
    await page.goto(`${server.url}/`)
    await page.getByRole('link', { name: 'demo-grounding-grpo' }).click()
    await page.waitForSelector('.chart canvas')
    expect(await page.locator('.chart').count()).toBeGreaterThanOrEqual(6)
    await expect.poll(() => page.locator('table.findings tbody tr').count()).toBeGreaterThan(10)
    expect(await page.locator('table.findings').textContent()).toContain('whole-image-box')
    await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true })
  })

  it('draws ground-truth and predicted boxes at the pixels the reward scored, and follows j/k', async () => {
    // a group whose first two rollouts both drew a box (early steps have answers without the <answer> block)
    let group: Awaited<ReturnType<SqliteStore['group']>>
    for (let id = 96; id > 0 && !group; id--) {
      const g = await store.group(id)
      if (g?.task === 'locate' && g.rollouts[0]?.predicted.boxes.length && g.rollouts[1]?.predicted.boxes.length)
        group = g
    }
    if (!group) throw new Error('the demo has no group with two drawn boxes')
    await page.goto(`${server.url}/#/groups/${group.id}`)
    await page.waitForSelector('figure.overlay rect.gt', { state: 'attached' })
    const img = page.locator('figure.overlay img').first()
    await img.evaluate((el) => (el as unknown as { decode(): Promise<void> }).decode())
    const frame = await img.boundingBox()
    if (!frame) throw new Error('no image box')
    const natural = group.images[0]?.width as number
    const scale = frame.width / natural
    const expectAt = async (selector: string, box: number[]) => {
      const got = await page.locator(selector).first().boundingBox()
      if (!got) throw new Error(`nothing drawn for ${selector}`)
      // the stroke straddles the edge: compare the centre line of each side within a pixel
      const [x1, y1, x2, y2] = box as [number, number, number, number]
      expect(Math.abs(got.x + got.width / 2 - (frame.x + ((x1 + x2) / 2) * scale))).toBeLessThan(1.5)
      expect(Math.abs(got.y + got.height / 2 - (frame.y + ((y1 + y2) / 2) * scale))).toBeLessThan(1.5)
      expect(Math.abs(got.width - (x2 - x1) * scale)).toBeLessThan(4)
      expect(Math.abs(got.height - (y2 - y1) * scale)).toBeLessThan(4)
    }
    await expectAt('rect.gt', group.groundTruth.boxes[0] as number[])
    await expectAt('rect.pred', group.rollouts[0]?.predicted.boxes[0] as number[])
    await page.keyboard.press('j')
    await expect
      .poll(() => page.locator('li.card.sel').getAttribute('data-rollout'))
      .toBe(String(group.rollouts[1]?.id))
    await expectAt('rect.pred', group.rollouts[1]?.predicted.boxes[0] as number[])
    await page.screenshot({ path: join(shots, 'group.png') })
  })

  it('filters by a component range and by text', async () => {
    await page.goto(`${server.url}/#/runs/${runId}/explore`)
    await page.waitForSelector('table[aria-label=rollouts] tbody tr')
    const all = Number(((await page.locator('[aria-live=polite]').first().textContent()) ?? '').split(' ')[0])
    await page.locator('select[name=ckey]').selectOption('accuracy')
    await page.locator('input[name=cmin]').fill('0.9')
    await page.getByRole('button', { name: 'Filter' }).click()
    await expect
      .poll(async () => Number(((await page.locator('[aria-live=polite]').first().textContent()) ?? '').split(' ')[0]))
      .toBeLessThan(all)
    const col = await page.locator('table[aria-label=rollouts] thead th').allInnerTexts()
    const at = col.indexOf('accuracy')
    const values = await page.locator(`table[aria-label=rollouts] tbody tr td:nth-child(${at + 1})`).allInnerTexts()
    expect(values.length).toBeGreaterThan(0)
    for (const v of values) expect(Number(v)).toBeGreaterThanOrEqual(0.9)
    await page.locator('select[name=ckey]').selectOption('')
    await page.locator('input[name=q]').fill('B, C, D, E')
    await page.getByRole('button', { name: 'Filter' }).click()
    await expect
      .poll(() => page.locator('table[aria-label=rollouts] tbody').textContent())
      .toContain('option-list-answer')
    await page.screenshot({ path: join(shots, 'explore.png') })
  })

  it('re-scores the run with an edited spec and shows old and new scores', async () => {
    await page.goto(`${server.url}/#/runs/${runId}/rescore`)
    const area = page.locator('textarea#spec')
    await expect.poll(() => area.inputValue()).toContain('box-iou')
    await area.fill((await area.inputValue()).replace('answer: tag }', 'answer: tag, threshold: 0.5 }'))
    await page.getByRole('button', { name: 'Re-score the run' }).click()
    const table = page.locator('table[aria-label="old and new scores"]')
    await table.waitFor()
    const first = await table.locator('tbody tr').first().locator('td').allInnerTexts()
    expect(Number(first[2])).not.toBe(Number(first[3])) // the biggest change comes first
    expect(await page.locator('.rescore-result').textContent()).toMatch(/768 rollouts re-scored/)
    await page.screenshot({ path: join(shots, 'rescore.png') })
  })
})
