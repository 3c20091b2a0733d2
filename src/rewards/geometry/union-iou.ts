import { type BoxXYXY, isProperBox } from './box.js'

/** Areas of the union of two sets of boxes: `intersection = |∪A ∩ ∪B|`, `union = |∪A ∪ ∪B|`. */
export interface UnionAreas {
  intersection: number
  union: number
}

/** The most boxes per set `unionAreas` takes; the grid has at most (4·256)² ≈ 1M cells. */
export const UNION_IOU_MAX_BOXES = 256

/**
 * Exact areas of `∪A ∩ ∪B` and `∪A ∪ ∪B` by coordinate compression: the distinct x and y edges of all boxes cut
 * the plane into grid cells, each wholly inside or outside every box; a 2-D difference array marks the cells each
 * set covers in O(boxes + cells). Improper boxes (degenerate, inverted, non-finite) cover nothing. Sets larger
 * than `UNION_IOU_MAX_BOXES` are truncated to their first boxes, so the work stays bounded.
 * Written by hand: npm polygon-clipping libraries compute general polygon unions in floating point, slower and
 * less exact than this grid for axis-aligned boxes.
 * @see rewards.md 5a (SATORI-R1 `plugin.py`, shapely `unary_union`)
 * @example unionAreas([[0, 0, 10, 10], [5, 5, 15, 15]], [[0, 0, 15, 15]]) //= { intersection: 175, union: 225 }
 */
export function unionAreas(a: readonly BoxXYXY[], b: readonly BoxXYXY[]): UnionAreas {
  const boxesA = a.slice(0, UNION_IOU_MAX_BOXES).filter(isProperBox)
  const boxesB = b.slice(0, UNION_IOU_MAX_BOXES).filter(isProperBox)
  if (boxesA.length === 0 && boxesB.length === 0) return { intersection: 0, union: 0 }
  const xs = edges(boxesA, boxesB, 0)
  const ys = edges(boxesA, boxesB, 1)
  const nx = xs.length
  const ny = ys.length
  // per cell: count of A boxes and of B boxes covering it, after the prefix sums
  const covA = new Int32Array(nx * ny)
  const covB = new Int32Array(nx * ny)
  mark(covA, boxesA, xs, ys, nx)
  mark(covB, boxesB, xs, ys, nx)
  prefixSum(covA, nx, ny)
  prefixSum(covB, nx, ny)
  let intersection = 0
  let union = 0
  for (let j = 0; j < ny - 1; j++) {
    const h = (ys[j + 1] as number) - (ys[j] as number)
    let rowInter = 0
    let rowUnion = 0
    for (let i = 0; i < nx - 1; i++) {
      const inA = (covA[j * nx + i] as number) > 0
      const inB = (covB[j * nx + i] as number) > 0
      if (!inA && !inB) continue
      const w = (xs[i + 1] as number) - (xs[i] as number)
      rowUnion += w
      if (inA && inB) rowInter += w
    }
    intersection += rowInter * h
    union += rowUnion * h
  }
  return { intersection, union }
}

/**
 * IoU of the union of boxes `a` with the union of boxes `b`; 0 when both unions are empty. For one box per side
 * it equals `iou` (up to rounding).
 * @example unionIou([[0, 0, 10, 10], [5, 5, 15, 15]], [[0, 0, 15, 15]]) //= 0.7777…
 */
export function unionIou(a: readonly BoxXYXY[], b: readonly BoxXYXY[]): number {
  const { intersection, union } = unionAreas(a, b)
  return union > 0 ? Math.min(1, intersection / union) : 0
}

function edges(a: readonly BoxXYXY[], b: readonly BoxXYXY[], axis: 0 | 1): Float64Array {
  const out = new Float64Array((a.length + b.length) * 2)
  let n = 0
  for (const box of a) {
    out[n++] = box[axis]
    out[n++] = box[axis + 2] as number
  }
  for (const box of b) {
    out[n++] = box[axis]
    out[n++] = box[axis + 2] as number
  }
  out.sort()
  let k = 0
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[k - 1]) out[k++] = out[i] as number
  return out.subarray(0, k)
}

/** Adds each box to the difference array: +1 at its top-left cell, −1 past its right and bottom edges. */
function mark(cov: Int32Array, boxes: readonly BoxXYXY[], xs: Float64Array, ys: Float64Array, nx: number): void {
  for (const b of boxes) {
    const i0 = indexOf(xs, b[0])
    const i1 = indexOf(xs, b[2])
    const j0 = indexOf(ys, b[1])
    const j1 = indexOf(ys, b[3])
    cov[j0 * nx + i0] = (cov[j0 * nx + i0] as number) + 1
    cov[j0 * nx + i1] = (cov[j0 * nx + i1] as number) - 1
    cov[j1 * nx + i0] = (cov[j1 * nx + i0] as number) - 1
    cov[j1 * nx + i1] = (cov[j1 * nx + i1] as number) + 1
  }
}

function prefixSum(cov: Int32Array, nx: number, ny: number): void {
  for (let j = 0; j < ny; j++)
    for (let i = 1; i < nx; i++) cov[j * nx + i] = (cov[j * nx + i] as number) + (cov[j * nx + i - 1] as number)
  for (let j = 1; j < ny; j++)
    for (let i = 0; i < nx; i++) cov[j * nx + i] = (cov[j * nx + i] as number) + (cov[(j - 1) * nx + i] as number)
}

/** Index of `v` in the sorted, distinct `xs` (it is always there). */
function indexOf(xs: Float64Array, v: number): number {
  let lo = 0
  let hi = xs.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((xs[mid] as number) < v) lo = mid + 1
    else hi = mid
  }
  return lo
}
