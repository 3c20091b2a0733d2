/**
 * End to end `sightline score`: the built CLI (node bin/sightline.js, as users run it) on a generated 100k-item
 * mixed file, read file → score → write file, timed from process start to exit. The mix is `benchRollouts` with
 * `BENCH_SPEC` (test/fixtures/mixed-rollouts.ts): eight VLM RL tasks behind a format gate, ≈300-char R1-style
 * outputs (maths 25%, multiple choice 20%, ChartQA 15%, RefCOCO 10%, detection 5%, temporal grounding 10%,
 * DocVQA 10%, open VQA 5%). Also reports CPU seconds (user + sys of the child, from /usr/bin/time when present)
 * and µs of CPU per item, the figure that stays meaningful on a loaded machine.
 * Target from the issue: ≥ 100k items/s on 2 cores. Needs `npm run build` first.
 *
 * Three more rows take the end-to-end figure apart, measured in the same run so that they share the machine's
 * mood: what the same command costs for one item (Node's start, the CLI, the workers' start: the fixed part);
 * the same 100k file scored with one cheap reward (`format-think-answer`: reading, parsing, serializing and
 * writing, without the mix's rewards); and Node alone reading the file and `JSON.parse`-ing each line, one thread,
 * no scoring and no output (the runtime's floor for this input). A last row times the mix's rewards alone, in this
 * process, on items already parsed and with the JIT warm (a second pass), in CPU time. With the fixed part and
 * the reading and parsing Node itself needs, it bounds what `sightline score` could reach with this mix on this
 * machine: the rewards and the parsing spread perfectly over the cores; serializing, writing, the JIT's warm-up
 * and GC taken as free.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ScoreItem } from '../../src/core/index.js'
import { defaultRegistry } from '../../src/rewards/packs.js'
import { compileSpec, parseSpecText, rowScorer } from '../../src/spec/index.js'
import { BENCH_SPEC, benchRollouts } from '../../test/fixtures/mixed-rollouts.js'
import type { BenchResult, BenchSuite } from '../harness.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ITEMS = 100_000
const TIME = '/usr/bin/time'
/** the floor row's script: reads the file (argv[1]) as a stream and parses every line, nothing else */
const READ_AND_PARSE = `
const { createReadStream } = require('node:fs')
let rest = '', n = 0
createReadStream(process.argv[1], { highWaterMark: 1 << 20 })
  .on('data', (d) => {
    const lines = (rest + d.toString('utf8')).split('\\n')
    rest = lines.pop()
    for (const l of lines) if (l !== '') { JSON.parse(l); n++ }
  })
  .on('end', () => { if (rest !== '') { JSON.parse(rest); n++ } console.log(n) })
`

interface Timed {
  wall: number
  cpu: number | undefined
  stdout: string
}

/** Runs a command from the repository root; wall seconds from spawn to exit, CPU seconds when /usr/bin/time is here. */
function timed(cmd: readonly string[]): Timed {
  const withTime = existsSync(TIME)
  const started = performance.now()
  const run = withTime
    ? spawnSync(TIME, ['-f', 'cpu %U %S', ...cmd], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 })
    : spawnSync(cmd[0] as string, cmd.slice(1), { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 })
  const wall = (performance.now() - started) / 1000
  if (run.status !== 0) throw new Error(`${cmd.slice(0, 3).join(' ')} failed (${run.status}): ${run.stderr}`)
  const m = /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr)
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : undefined, stdout: run.stdout }
}

function score(dir: string, input: string, spec: string, workers: string): Timed & { summary: Record<string, number> } {
  const summaryFile = join(dir, `summary-${workers}.json`)
  const out = join(dir, 'out.jsonl')
  const args = ['score', '--spec', spec, '--in', input, '--out', out, '--workers', workers, '--quiet']
  const t = timed(['node', 'bin/sightline.js', ...args, '--summary-json', summaryFile])
  return { ...t, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) as Record<string, number> }
}

/** CPU µs per item of the mix's rewards on parsed items: a warm-up pass, then a timed one. */
function rewardsAlone(items: readonly ScoreItem[]): number {
  const scoreRow = rowScorer(compileSpec(parseSpecText(BENCH_SPEC, 'bench spec'), defaultRegistry()))
  let sink = 0
  for (const item of items) sink += scoreRow(item).score
  const { user, system } = process.cpuUsage()
  for (const item of items) sink += scoreRow(item).score
  const used = process.cpuUsage({ user, system })
  if (!Number.isFinite(sink)) throw new Error('bench cli: a score was not a number')
  return (used.user + used.system) / items.length
}

const cpuNote = (cpu: number | undefined, items: number) =>
  cpu === undefined ? '' : `; CPU ${cpu.toFixed(2)} s = ${((cpu / items) * 1e6).toFixed(1)} µs/item`

export const suite: BenchSuite = {
  name: 'cli',
  run() {
    if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('bench cli: run `npm run build` first')
    const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-'))
    try {
      const input = join(dir, 'mixed-100k.jsonl')
      const items = benchRollouts(ITEMS, 11)
      const lines = items.map((item) => `${JSON.stringify(item)}\n`)
      writeFileSync(input, lines.join(''))
      const one = join(dir, 'one.jsonl')
      writeFileSync(one, lines[0] as string)
      const spec = join(dir, 'spec.yaml')
      writeFileSync(spec, BENCH_SPEC)
      const cheap = join(dir, 'cheap.yaml')
      writeFileSync(cheap, 'reward: format-think-answer\n')
      const mb = (statSync(input).size / 2 ** 20).toFixed(0)
      const workers = `${availableParallelism()} workers`
      const results: BenchResult[] = []
      for (const pool of ['auto', '0']) {
        const { wall, cpu, summary } = score(dir, input, spec, pool)
        results.push({
          name: `sightline score, 100k mixed (${mb} MB), ${pool === 'auto' ? workers : 'in-process'}`,
          value: ITEMS / wall,
          unit: 'items/s',
          ...(pool === 'auto' ? { target: '≥ 100000' } : {}),
          note: `wall ${wall.toFixed(2)} s incl. startup; scoring ${Math.round(summary.itemsPerSecond ?? 0)}/s${cpuNote(cpu, ITEMS)}; peak RSS ${summary.peakRssMb} MiB`,
        })
      }
      const fixed = score(dir, one, spec, String(availableParallelism()))
      results.push({
        name: `  its fixed part: the same command on 1 item, ${workers}`,
        value: fixed.wall,
        unit: 's',
        note: `Node's start, the CLI, the workers' start and the spec${fixed.cpu === undefined ? '' : `; CPU ${fixed.cpu.toFixed(2)} s`}`,
      })
      const floor = score(dir, input, cheap, 'auto')
      results.push({
        name: `  the same file, one cheap reward (format-think-answer), ${workers}`,
        value: ITEMS / floor.wall,
        unit: 'items/s',
        note: `wall ${floor.wall.toFixed(2)} s: read, parse, check, serialize, write${cpuNote(floor.cpu, ITEMS)}`,
      })
      const node = timed(['node', '-e', READ_AND_PARSE, input])
      if (Number(node.stdout) !== ITEMS) throw new Error(`bench cli: the floor script read ${node.stdout} lines`)
      results.push({
        name: '  Node alone: read the file and JSON.parse each line, 1 thread',
        value: ITEMS / node.wall,
        unit: 'items/s',
        note: `wall ${node.wall.toFixed(2)} s incl. Node's start; no scoring, no output${cpuNote(node.cpu, ITEMS)}`,
      })
      // the bound: the fixed part, then reading + parsing (Node alone, less Node's own start) and the rewards,
      // spread perfectly over the cores; serializing, writing, the JIT's warm-up and GC taken as free
      const bare = timed(['node', '-e', '0'])
      const parse = node.cpu === undefined || bare.cpu === undefined ? 0 : (node.cpu - bare.cpu) / ITEMS
      const rewards = rewardsAlone(items) / 1e6
      const cores = availableParallelism()
      const bound = fixed.wall + (ITEMS * (parse + rewards)) / cores
      results.push({
        name: "  the mix's rewards alone: parsed items, warm JIT, 1 thread",
        value: rewards * 1e6,
        unit: 'µs/item',
        note: `with the fixed part and reading + parsing (${(parse * 1e6).toFixed(1)} µs/item), on ${cores} cores: ≥ ${bound.toFixed(2)} s for 100k, ≤ ${Math.round(ITEMS / bound)} items/s, were all else free`,
      })
      return results
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
