import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hungarian } from './hungarian.js'

/** Minimum total cost over every assignment of min(rows, cols) pairs, by enumeration. */
function bruteForce(cost: readonly (readonly number[])[]): number {
  const rows = cost.length
  const cols = cost[0]?.length ?? 0
  const k = Math.min(rows, cols)
  let best = Number.POSITIVE_INFINITY
  const usedCols = new Array<boolean>(cols).fill(false)
  // choose k rows and k columns: iterate rows in order, each either skipped or paired with a free column
  const go = (r: number, taken: number, sum: number) => {
    if (taken === k) {
      best = Math.min(best, sum)
      return
    }
    if (r === rows || rows - r < k - taken) return
    go(r + 1, taken, sum)
    for (let c = 0; c < cols; c++) {
      if (usedCols[c]) continue
      usedCols[c] = true
      go(r + 1, taken + 1, sum + (cost[r]![c] as number))
      usedCols[c] = false
    }
  }
  go(0, 0, 0)
  return k === 0 ? 0 : best
}

const total = (cost: readonly (readonly number[])[], pairs: { row: number; col: number }[]) =>
  pairs.reduce((s, p) => s + (cost[p.row]![p.col] as number), 0)

describe('hungarian', () => {
  it.each([
    [
      [
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ],
      5,
    ], // scipy docs example: rows → cols 1, 0, 2
    [[[1, 2, 3]], 1], // one row, wide
    [[[3], [1], [2]], 1], // one column, tall
    [
      [
        [-1, -5],
        [-3, -2],
      ],
      -8,
    ], // negative costs (Vision-R1 costs are often negative: −GIoU − class)
  ])('%j → total %d', (cost, want) => {
    const pairs = hungarian(cost)
    expect(pairs).toHaveLength(Math.min(cost.length, cost[0]!.length))
    expect(total(cost, pairs)).toBe(want)
  })

  it('returns nothing for an empty matrix', () => {
    expect(hungarian([])).toEqual([])
    expect(hungarian([[], []])).toEqual([])
  })

  it('avoids non-finite costs whenever a finite assignment exists', () => {
    const pairs = hungarian([
      [Number.NaN, 1],
      [2, Number.POSITIVE_INFINITY],
    ])
    expect(pairs).toEqual([
      { row: 0, col: 1 },
      { row: 1, col: 0 },
    ])
  })

  it('throws on a ragged matrix (a programming error, not model output)', () => {
    expect(() => hungarian([[1, 2], [3]])).toThrowError('ragged')
  })

  it('is optimal: equals brute force on small rectangular matrices', () => {
    const matrix = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).chain(([r, c]) =>
      fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: c, maxLength: c }), {
        minLength: r,
        maxLength: r,
      }),
    )
    fc.assert(
      fc.property(matrix, (cost) => {
        const pairs = hungarian(cost)
        const rows = new Set(pairs.map((p) => p.row))
        const cols = new Set(pairs.map((p) => p.col))
        const k = Math.min(cost.length, cost[0]!.length)
        return (
          pairs.length === k &&
          rows.size === k &&
          cols.size === k &&
          Math.abs(total(cost, pairs) - bruteForce(cost)) < 1e-9
        )
      }),
      { numRuns: 300 },
    )
  })
})
