/**
 * The reward server over loopback, as a trainer sees it: `BENCH_SPEC` on a 1,024-item `benchRollouts` batch
 * (test/fixtures/mixed-rollouts.ts: eight VLM RL tasks behind a format gate, ≈300-char R1-style outputs; the
 * mix is documented there). Measures one batch's latency
 * (p50/p99), sustained items/s with 16 concurrent keep-alive clients, and the ratio of the server's p50 to a
 * bare `JSON.parse` of the request plus `JSON.stringify` of the response. The server runs in a child process
 * (`sightline serve` from the build when there is one, else from sources) so the load generator does not share
 * its event loop.
 *
 * The load generator is a few lines over node:http with a keep-alive agent (autocannon is not a dependency,
 * and it could not report per-batch latency percentiles for a fixed body any better).
 * Also the server process's CPU per item while sustaining (utime + stime from /proc, all its threads), which a
 * loaded machine does not inflate the way it inflates latencies.
 * Targets (2 cores): p50 ≤ 40 ms, ≥ 50,000 items/s, ratio ≤ 3. `npm run bench:server`.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BENCH_SPEC, benchRollouts } from '../../test/fixtures/mixed-rollouts.js'
import { type BenchResult, type BenchSuite, quantile, timings } from '../harness.js'

const BATCH = 1024
const CLIENTS = 16
const SUSTAIN_MS = 3000

/** CPU seconds (user + system, all threads) a process has used so far; undefined off Linux. */
function cpuOf(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/stat`
  if (pid === undefined || !existsSync(file)) return undefined
  const fields = (readFileSync(file, 'utf8').split(') ')[1] ?? '').split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100 // clock ticks: 100 per second on Linux
}

function startServer(workers: string, spec: string): Promise<{ url: string; child: ChildProcess }> {
  // the built CLI as users run it (bundled workers) when there is a build, else the sources through tsx
  const cli = existsSync('dist/cli/main.js') ? ['bin/sightline.js'] : ['--import', 'tsx', 'test/server/fixtures/cli.ts']
  const child = spawn(process.execPath, [...cli, 'serve', '--port', '0', '--workers', workers, '--spec', spec], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let err = ''
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (d: string) => {
      err += d
      const m = /listening on (http:\/\/[^ ]+)/.exec(err)
      if (m) resolve({ url: m[1] as string, child })
    })
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)))
  })
}

/** POSTs a prepared body and resolves with the raw answer (status checked). */
function post(agent: Agent, url: string, body: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/score`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': body.length },
    })
    req.on('response', (res) => {
      const parts: Buffer[] = []
      res.on('data', (d: Buffer) => parts.push(d))
      res.on('end', () =>
        res.statusCode === 200 ? resolve(Buffer.concat(parts)) : reject(new Error(`HTTP ${res.statusCode}`)),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function measure(workers: string, spec: string, body: Buffer, label: string): Promise<BenchResult[]> {
  const { url, child } = await startServer(workers, spec)
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS })
  try {
    const answer = await post(agent, url, body)
    const results = (JSON.parse(answer.toString()) as { results: unknown[] }).results
    if (results.length !== BATCH) throw new Error(`expected ${BATCH} results, got ${results.length}`)
    // 30 batches first: a trainer's server scores thousands, and each worker's JIT needs ~10k items to settle
    const latency = await timings(() => post(agent, url, body), 40, 30)
    let done = 0
    const cpu0 = cpuOf(child.pid)
    const end = performance.now() + SUSTAIN_MS
    const started = performance.now()
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < end) {
          await post(agent, url, body)
          done++
        }
      }),
    )
    const itemsPerSecond = (done * BATCH) / ((performance.now() - started) / 1000)
    const cpu1 = cpuOf(child.pid)
    const cpuNote =
      cpu0 === undefined || cpu1 === undefined
        ? ''
        : `server CPU ${(((cpu1 - cpu0) / (done * BATCH)) * 1e6).toFixed(1)} µs/item (all threads)`
    const text = answer.toString()
    const bare = await timings(
      () => JSON.stringify(JSON.parse(text)).length + JSON.parse(body.toString()).items.length,
      40,
      30,
    )
    const p50 = quantile(latency, 0.5)
    return [
      {
        name: `1,024-item batch p50 (${label})`,
        value: p50,
        unit: 'ms',
        target: '≤ 40',
        note: `p99 ${quantile(latency, 0.99).toFixed(1)} ms`,
      },
      {
        name: `sustained, 16 clients (${label})`,
        value: itemsPerSecond,
        unit: 'items/s',
        target: '≥ 50000',
        note: cpuNote,
      },
      {
        name: `server p50 / bare JSON (${label})`,
        value: p50 / quantile(bare, 0.5),
        unit: 'ratio',
        target: '≤ 3',
        note: `JSON.parse + stringify p50 ${quantile(bare, 0.5).toFixed(2)} ms (${(body.length / 1024).toFixed(0)} KiB in, ${(answer.length / 1024).toFixed(0)} KiB out)`,
      },
    ]
  } finally {
    agent.destroy()
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}

export const suite: BenchSuite = {
  name: 'server',
  async run() {
    readFileSync('test/server/fixtures/cli.ts') // fails early, with the path, when run outside the repository root
    // image paths are dropped: the server refuses paths outside --allow-dir, and the sizes are what rewards use
    const items = benchRollouts(BATCH).map((it) => ({
      ...it,
      images: it.images?.map(({ path: _, ...size }) => size),
    }))
    const body = Buffer.from(JSON.stringify({ items }))
    const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-'))
    try {
      const spec = join(dir, 'spec.yaml')
      writeFileSync(spec, BENCH_SPEC)
      return [
        ...(await measure('2', spec, body, 'worker pool, 2 threads')),
        ...(await measure('0', spec, body, 'in-process')),
      ]
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
