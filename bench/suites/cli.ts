/**
 * End to end `sightline score`: the built CLI (node bin/sightline.js, as users run it) on a generated 100k-item
 * mixed file, read file → score → write file, timed from process start to exit. The mix is `benchRollouts` with
 * `BENCH_SPEC` (test/fixtures/mixed-rollouts.ts): eight VLM RL tasks behind a format gate, ≈300-char R1-style
 * outputs (maths 25%, multiple choice 20%, ChartQA 15%, RefCOCO 10%, detection 5%, temporal grounding 10%,
 * DocVQA 10%, open VQA 5%). Also reports CPU seconds (user + sys of the child, from /usr/bin/time when present)
 * and µs of CPU per item, the figure that stays meaningful on a loaded machine.
 * Target from the issue: ≥ 100k items/s on 2 cores. Needs `npm run build` first.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BENCH_SPEC, benchRollouts } from '../../test/fixtures/mixed-rollouts.js'
import type { BenchResult, BenchSuite } from '../harness.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ITEMS = 100_000

const TIME = '/usr/bin/time'

function score(
  input: string,
  dir: string,
  workers: string,
): { wall: number; cpu: number | undefined; summary: Record<string, number> } {
  const summaryFile = join(dir, `summary-${workers}.json`)
  const spec = join(dir, 'spec.yaml')
  const args = ['bin/sightline.js', 'score', '--spec', spec, '--in', input, '--out', join(dir, 'out.jsonl')]
  const cli = ['node', ...args, '--workers', workers, '--quiet', '--summary-json', summaryFile]
  const timed = existsSync(TIME)
  const started = performance.now()
  const run = timed
    ? spawnSync(TIME, ['-f', 'cpu %U %S', ...cli], { cwd: ROOT, encoding: 'utf8' })
    : spawnSync(cli[0] as string, cli.slice(1), { cwd: ROOT, encoding: 'utf8' })
  const wall = (performance.now() - started) / 1000
  if (run.status !== 0) throw new Error(`sightline score failed (${run.status}): ${run.stderr}`)
  const m = /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr)
  const cpu = m ? Number(m[1]) + Number(m[2]) : undefined
  return { wall, cpu, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) as Record<string, number> }
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
        benchRollouts(ITEMS, 11)
          .map((item) => `${JSON.stringify(item)}\n`)
          .join(''),
      )
      writeFileSync(join(dir, 'spec.yaml'), BENCH_SPEC)
      const mb = (statSync(input).size / 2 ** 20).toFixed(0)
      const results: BenchResult[] = []
      for (const workers of ['auto', '0']) {
        const { wall, cpu, summary } = score(input, dir, workers)
        const perItem =
          cpu === undefined ? '' : `; CPU ${cpu.toFixed(2)} s = ${((cpu / ITEMS) * 1e6).toFixed(1)} µs/item`
        const label = workers === 'auto' ? `${availableParallelism()} workers` : 'in-process'
        results.push({
          name: `sightline score, 100k mixed (${mb} MB), ${label}`,
          value: ITEMS / wall,
          unit: 'items/s',
          ...(workers === 'auto' ? { target: '≥ 100000' } : {}),
          note: `wall ${wall.toFixed(2)} s incl. startup; scoring ${Math.round(summary.itemsPerSecond ?? 0)}/s${perItem}; peak RSS ${summary.peakRssMb} MiB`,
        })
      }
      return results
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
