/**
 * End to end `sightline score`: the built CLI (node bin/sightline.js, as users run it) on a generated 100k-item
 * mixed file (the demo spec's five tasks), read file → score → write file, timed from process start to exit.
 * Target from the issue: ≥ 100k items/s on 2 cores. Needs `npm run build` first.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mixedRollouts } from '../../test/fixtures/mixed-rollouts.js'
import type { BenchResult, BenchSuite } from '../harness.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ITEMS = 100_000

function score(input: string, dir: string, workers: string): { wall: number; summary: Record<string, number> } {
  const summaryFile = join(dir, `summary-${workers}.json`)
  const args = ['bin/sightline.js', 'score', '--spec', 'demo/spec.yaml', '--in', input, '--out', join(dir, 'out.jsonl')]
  const started = performance.now()
  const run = spawnSync('node', [...args, '--workers', workers, '--quiet', '--summary-json', summaryFile], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  const wall = (performance.now() - started) / 1000
  if (run.status !== 0) throw new Error(`sightline score failed (${run.status}): ${run.stderr}`)
  return { wall, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) as Record<string, number> }
}

export const suite: BenchSuite = {
  name: 'cli',
  run() {
    if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('bench cli: run `npm run build` first')
    const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-'))
    try {
      const input = join(dir, 'mixed-100k.jsonl')
      writeFileSync(
        input,
        mixedRollouts(ITEMS, 11)
          .map((item) => `${JSON.stringify(item)}\n`)
          .join(''),
      )
      const mb = (statSync(input).size / 2 ** 20).toFixed(0)
      const results: BenchResult[] = []
      for (const workers of ['auto', '0']) {
        const { wall, summary } = score(input, dir, workers)
        const label = workers === 'auto' ? `${availableParallelism()} workers` : 'in-process'
        results.push({
          name: `sightline score, 100k mixed (${mb} MB), ${label}`,
          value: ITEMS / wall,
          unit: 'items/s',
          ...(workers === 'auto' ? { target: '≥ 100000' } : {}),
          note: `wall ${wall.toFixed(2)} s incl. startup; scoring ${Math.round(summary.itemsPerSecond ?? 0)}/s; peak RSS ${summary.peakRssMb} MiB`,
        })
      }
      return results
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
