import { afterAll, describe, expect, it } from 'vitest'
import { TerminablePool } from './terminable-pool.js'

describe('TerminablePool', () => {
  const pool = new TerminablePool<{ spinMs: number; value: number }, number>({
    handler: new URL('./fixtures/spin-worker.ts', import.meta.url),
    size: 2,
    deadlineMs: 400,
  })
  afterAll(() => pool.close())

  it('returns values in order of the calls', async () => {
    const out = await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ spinMs: 0, value })))
    expect(out.map((o) => (o.ok ? o.value : o.reason))).toEqual([2, 4, 6, 8, 10])
  })

  it('reports a handler error as data', async () => {
    const out = await pool.run({ spinMs: 0, value: -1 })
    expect(out).toMatchObject({ ok: false, reason: 'error', message: 'negative' })
  })

  // the point of the pool: infinite loops are cut at their deadline and the other items are unaffected
  it('terminates runaway tasks at their deadline while the other tasks finish in time', async () => {
    const started = performance.now()
    const tasks = [
      { spinMs: -1, value: 0 },
      { spinMs: -1, value: 0 },
      ...Array.from({ length: 12 }, (_, i) => ({ spinMs: 5, value: i })),
      { spinMs: -1, value: 0 },
    ]
    const finished: number[] = []
    const out = await Promise.all(
      tasks.map((t, i) =>
        pool.run(t).then((o) => {
          finished[i] = performance.now() - started
          return o
        }),
      ),
    )
    const wall = performance.now() - started
    expect(out.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(['timeout', 'timeout', 'timeout'])
    for (const [i, o] of out.entries()) {
      if (tasks[i]?.spinMs === -1) {
        expect(o.ms).toBeGreaterThanOrEqual(390)
        expect(o.ms).toBeLessThan(400 + 300)
      } else expect(o).toMatchObject({ ok: true, value: (tasks[i]?.value ?? 0) * 2 })
    }
    // every short task ran within its own deadline (time on a thread), whatever the runaways did
    for (const o of out) if (o.ok) expect(o.ms).toBeLessThan(400)
    // bounded: the runaways cost one deadline each on 2 threads, plus thread restarts
    expect(wall).toBeLessThan(10_000)
  })

  it('still serves after threads were replaced', async () => {
    expect(await pool.run({ spinMs: 0, value: 21 })).toMatchObject({ ok: true, value: 42 })
  })
})
