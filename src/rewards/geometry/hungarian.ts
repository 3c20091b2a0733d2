import { munkres } from 'munkres'

/** One assigned pair: row `row` (e.g. a prediction) goes with column `col` (e.g. a ground truth). */
export interface Assignment {
  row: number
  col: number
}

/**
 * Minimum-cost assignment on a rectangular cost matrix (`cost[row][col]`): returns `min(rows, cols)` pairs, sorted
 * by row, that minimise the total cost (scipy `linear_sum_assignment`). A non-finite cost (NaN, ±Infinity) is
 * treated as worse than every finite cost, so it is assigned only when nothing else is possible.
 * Solved by the `munkres` npm package (O(n²m), typed, no dependencies).
 * @see Kuhn (1955), Munkres (1957); scipy.optimize.linear_sum_assignment
 * @example hungarian([[4, 1, 3], [2, 0, 5], [3, 2, 2]]) //= [{row:0,col:1},{row:1,col:0},{row:2,col:2}]
 */
export function hungarian(cost: readonly (readonly number[])[]): Assignment[] {
  const rows = cost.length
  const cols = rows === 0 ? 0 : (cost[0] as readonly number[]).length
  if (rows === 0 || cols === 0) return []
  let maxAbs = 0
  let finite = true
  for (const row of cost) {
    if (row.length !== cols) throw new RangeError(`hungarian: ragged cost matrix (${row.length} vs ${cols} columns)`)
    for (const v of row) {
      if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v))
      else finite = false
    }
  }
  let matrix: readonly (readonly number[])[] = cost
  if (!finite) {
    // larger than any total of finite costs, so one such cell costs more than any all-finite assignment
    const big = (maxAbs + 1) * (Math.min(rows, cols) + 1) * 2
    matrix = cost.map((row) => row.map((v) => (Number.isFinite(v) ? v : big)))
  }
  const pairs = munkres(matrix)
  const out: Assignment[] = pairs.map(([row, col]) => ({ row, col }))
  out.sort((p, q) => p.row - q.row)
  return out
}
