/**
 * The judge client against the loopback fake OpenAI server (the same client code that talks to vLLM):
 * - throughput: every call waits a fixed 50 ms at the server (in its own process, so the CPU figures are the
 *   client's), the client allows 64 in flight, so the ideal is 64 / 0.05 s = 1,280 calls/s; target ≥ 90 % of it
 *   (1,152). Distinct prompts, cache off, ~1.5 s of calls after a warm-up long enough for the JIT. On a loaded
 *   machine the wall figure is bounded by the CPU the client and the server get, so the CPU-second figure (the
 *   client's ceiling on one free core) is printed beside it, and Node's global fetch under the same client for
 *   comparison (what the keep-alive node:http adapter replaced; http-fetch.ts).
 * - cache hits: re-scoring what was judged before, through the full `complete()` path (request building,
 *   content hash, lookup); target ≥ 100k items/s. In memory, and from the SQLite file (LRU in front disabled).
 * - judge-score end to end on cache hits: the reward on top (template, parse, components).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import type { ImageRef } from '../../src/core/index.js'
import type { JudgeMessage } from '../../src/core/judge.js'
import { runReward } from '../../src/core/run-reward.js'
import { createJudgeClient, type JudgeClient, memoryCache, sqliteCache } from '../../src/judge/index.js'
import { startFakeOpenAi } from '../../src/judge/testing/fake-openai-server.js'
import { judgeScoreReward } from '../../src/rewards/judge/judge-score/index.js'
import type { BenchResult, BenchSuite } from '../harness.js'

const LATENCY_MS = 50
const CONCURRENCY = 64

const message = (i: number): JudgeMessage[] => [
  { role: 'system', content: 'You are a strict grader.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: `Question ${i}: how many cats are on the sofa? Answer: <answer>${i % 7}</answer>` },
    ],
  },
]

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

/**
 * Keeps `width` calls going for `ms` (or, with `calls`, until that many are done or `ms` passes); returns calls
 * per wall second and per CPU-second of this process.
 */
async function sustained(
  call: (i: number) => Promise<unknown>,
  width: number,
  ms: number,
  calls = Number.POSITIVE_INFINITY,
): Promise<{ wall: number; cpu: number }> {
  let i = 0
  let done = 0
  const end = performance.now() + ms
  const start = performance.now()
  const cpu0 = cpuSeconds()
  const lane = async () => {
    while (performance.now() < end && i < calls) {
      await call(i++)
      done++
    }
  }
  await Promise.all(Array.from({ length: width }, lane))
  return { wall: (done / (performance.now() - start)) * 1000, cpu: done / (cpuSeconds() - cpu0) }
}

/**
 * Items per CPU-second (on one core, honest on a shared machine) of `batch`, which handles `size` items at once
 * (how a scorer calls); after a warm-up of a quarter of `ms`, as a scorer re-scoring a run is in steady state.
 */
async function perCpuSecond(batch: () => Promise<unknown>, size: number, ms: number): Promise<number> {
  for (const end = performance.now() + ms / 4; performance.now() < end; ) await batch()
  let n = 0
  const start = performance.now()
  const cpu0 = cpuSeconds()
  while (performance.now() - start < ms) {
    await batch()
    n += size
  }
  return n / (cpuSeconds() - cpu0)
}

/** Cache hits per CPU-second over requests judged once before (`keys` text-only ones by default). */
async function hits(
  client: JudgeClient,
  keys: number,
  ms: number,
  msgs = Array.from({ length: keys }, (_, i) => message(i)),
) {
  const batch = () => Promise.all(msgs.map((m) => client.complete(m)))
  await batch()
  return perCpuSecond(batch, msgs.length, ms)
}

/** `n` items, each with one of 8 distinct 640×480 JPEGs (a file, or inline base64), then the question. */
async function imageMessages(dir: string, n: number, as: 'path' | 'data'): Promise<JudgeMessage[][]> {
  const refs = await Promise.all(
    Array.from({ length: 8 }, async (_, k) => {
      const bytes = await sharp({
        create: {
          width: 640,
          height: 480,
          channels: 3,
          background: '#000',
          noise: { type: 'gaussian', mean: 100 + k, sigma: 30 },
        },
      })
        .jpeg({ quality: 80 })
        .toBuffer()
      const path = join(dir, `image-${k}.jpg`)
      writeFileSync(path, bytes)
      return as === 'path' ? { path } : { data: bytes.toString('base64') }
    }),
  )
  return Array.from({ length: n }, (_, i) => [
    {
      role: 'user',
      content: [
        { type: 'image', image: refs[i % 8] as ImageRef },
        { type: 'text', text: `Question ${i}: how many cats are on the sofa? Answer: <answer>${i % 7}</answer>` },
      ],
    },
  ])
}

/** The fake server in a child process, so the CPU figures below are the client's alone. */
async function serverProcess(latencyMs: number): Promise<{ url: string; stop(): void }> {
  const script = fileURLToPath(new URL('../../src/judge/testing/fake-openai-process.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(latencyMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [line] = await Promise.race([
    (async () => {
      for await (const l of createInterface({ input: child.stdout })) return [l]
      return ['']
    })(),
  ])
  const { url } = JSON.parse(line ?? '{}') as { url: string }
  return { url, stop: () => child.kill('SIGTERM') }
}

export const suite: BenchSuite = {
  name: 'judge',
  async run() {
    const out: BenchResult[] = []
    const server = await startFakeOpenAi({
      latencyMs: LATENCY_MS,
      record: false,
      script: () => ({ text: '{"result": 0.5}' }),
    })
    const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-judge-'))
    try {
      const remote = await serverProcess(LATENCY_MS)
      const live = createJudgeClient({ url: remote.url, model: 'fake-vlm', concurrency: CONCURRENCY, cache: false })
      // warm-up: sockets, and the JIT, which takes a few thousand calls to settle (CPU a call halves meanwhile)
      await sustained((i) => live.complete(message(i)), CONCURRENCY, 5000, 4000)
      const ideal = (CONCURRENCY * 1000) / LATENCY_MS
      const rate = await sustained((i) => live.complete(message(1e6 + i)), CONCURRENCY * 2, 1500)
      live.close()
      const stock = createJudgeClient({
        url: remote.url,
        model: 'fake-vlm',
        concurrency: CONCURRENCY,
        cache: false,
        fetch: globalThis.fetch,
      })
      await sustained((i) => stock.complete(message(2e6 + i)), CONCURRENCY, 1000, 1000)
      const stockRate = await sustained((i) => stock.complete(message(3e6 + i)), CONCURRENCY * 2, 1000)
      remote.stop()
      out.push({
        name: `calls, ${LATENCY_MS} ms server, concurrency ${CONCURRENCY}`,
        value: rate.wall,
        unit: 'calls/s',
        target: `≥ ${Math.round(ideal * 0.9)}`,
        note: `${((100 * rate.wall) / ideal).toFixed(1)} % of the ideal ${ideal}; load avg ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`,
      })
      out.push({
        name: 'calls per CPU-second of the client',
        value: rate.cpu,
        unit: 'calls/s/core',
        target: `≥ ${Math.round(ideal * 0.9)}`,
        note: `the client’s ceiling on one free core; ${(1000 / rate.cpu).toFixed(2)} ms CPU a call`,
      })
      out.push({
        name: 'calls per CPU-second, Node’s global fetch',
        value: stockRate.cpu,
        unit: 'calls/s/core',
        note: `for comparison (${stockRate.wall.toFixed(0)} calls/s wall): the same client on fetch: globalThis.fetch`,
      })

      const mem = createJudgeClient({ url: server.url, model: 'fake-vlm', cache: memoryCache() })
      out.push({
        name: 'cache hits (memory)',
        value: await hits(mem, 1000, 1000),
        unit: 'items/s/core',
        target: '≥ 100000',
      })

      const withImages = createJudgeClient({
        url: server.url,
        model: 'fake-vlm',
        cache: memoryCache(),
        images: { allowDirs: [dir] },
      })
      out.push({
        name: 'cache hits, one image file each (memory)',
        value: await hits(withImages, 0, 600, await imageMessages(dir, 1000, 'path')),
        unit: 'items/s/core',
        note: 'each hit re-checks the file (realpath under --allow-dir, stat for changes)',
      })
      out.push({
        name: 'cache hits, one inline image each (memory)',
        value: await hits(withImages, 0, 600, await imageMessages(dir, 1000, 'data')),
        unit: 'items/s/core',
        note: 'the same items re-scored: the data’s hash is remembered per ImageRef',
      })

      const file = createJudgeClient({
        url: server.url,
        model: 'fake-vlm',
        cache: sqliteCache(join(dir, 'c.sqlite'), { memory: 1 }),
      })
      out.push({
        name: 'cache hits (SQLite, no LRU)',
        value: await hits(file, 1000, 1000),
        unit: 'items/s/core',
        note: 'every hit reads the file',
      })
      file.close()

      const params = judgeScoreReward.params.parse({})
      const items = Array.from({ length: 1000 }, (_, i) => ({
        prompt: `Question ${i}`,
        response: `<answer>${i}</answer>`,
        reference: String(i),
      }))
      const ctx = { services: { judge: mem } }
      const batch = () => Promise.all(items.map((item) => runReward(judgeScoreReward, params, item, ctx)))
      await batch()
      const scored = await perCpuSecond(batch, items.length, 1000)
      out.push({ name: 'judge-score on cache hits', value: scored, unit: 'items/s/core' })
    } finally {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    }
    return out
  },
}
