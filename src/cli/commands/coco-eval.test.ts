import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../command.js'
import { main } from '../main.js'

function io(cwd: string) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d) => {
    out += d
  })
  stderr.on('data', (d) => {
    err += d
  })
  const value: CliIo = { stdin: new PassThrough(), stdout, stderr, isTTY: false, cwd }
  return { value, out: () => out, err: () => err }
}

const FIXTURE = join(process.cwd(), '../shared/conformance/coco')

describe('sightline coco-eval', () => {
  // CI always has ../shared beside the clone: there a missing fixture is a failure, not a skip
  it.skipIf(!existsSync(FIXTURE) && process.env.CI !== 'true')(
    'prints the 12 pycocotools stats of the conformance fixture',
    async () => {
      const t = io(FIXTURE)
      const code = await main(
        ['coco-eval', '--gt', 'instances_val2014_100.json', '--dt', 'instances_val2014_fakebbox100_results.json'],
        t.value,
      )
      expect(code).toBe(0)
      const { stats, names } = JSON.parse(t.out()) as { stats: number[]; names: string[] }
      expect(names[0]).toBe('AP')
      expect(Math.abs((stats[0] as number) - 0.5045806987249628)).toBeLessThan(1e-12)
      expect(Math.abs((stats[11] as number) - 0.5642905982905982)).toBeLessThan(1e-12)
    },
  )

  it('exits 2 with a usage message when a flag is missing', async () => {
    const t = io(process.cwd())
    expect(await main(['coco-eval', '--gt', 'x.json'], t.value)).toBe(2)
    expect(t.err()).toContain('both --gt and --dt are required')
  })

  it('exits 2 naming the file and the JSON path of a malformed entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coco-eval-'))
    writeFileSync(join(dir, 'gt.json'), JSON.stringify({ images: [{ id: 1 }], annotations: [], categories: [] }))
    writeFileSync(join(dir, 'dt.json'), JSON.stringify([{ image_id: 1, category_id: 1, bbox: [0, 0, 1], score: 1 }]))
    const t = io(dir)
    expect(await main(['coco-eval', '--gt', 'gt.json', '--dt', 'dt.json'], t.value)).toBe(2)
    expect(t.err()).toContain('dt.json')
    expect(t.err()).toContain('[0].bbox')
  })

  it('exits 2 when a detection is on an image the ground truth lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coco-eval-'))
    writeFileSync(join(dir, 'gt.json'), JSON.stringify({ images: [{ id: 1 }], annotations: [], categories: [] }))
    writeFileSync(join(dir, 'dt.json'), JSON.stringify([{ image_id: 9, category_id: 1, bbox: [0, 0, 1, 1], score: 1 }]))
    const t = io(dir)
    expect(await main(['coco-eval', '--gt', 'gt.json', '--dt', 'dt.json'], t.value)).toBe(2)
    expect(t.err()).toContain('image 9')
  })
})
