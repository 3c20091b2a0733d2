/** COCOeval parameters (bbox) and the numpy arithmetic the reference relies on, reproduced bit for bit. */

/**
 * `np.linspace(start, stop, num)`: `i·step + start` with `step = (stop − start)/(num − 1)` and the last value
 * set to `stop`. Not `start + k·0.05`: the thresholds must be the same doubles as the reference's.
 * @example linspace(0.5, 0.95, 10)[1] //= 0.55
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num)
  const step = (stop - start) / (num - 1)
  for (let i = 0; i < num; i++) out[i] = i * step + start
  if (num > 1) out[num - 1] = stop
  return out
}

/**
 * A zero-filled plain array. Small per-call buffers use these rather than typed arrays: V8 allocates a typed array
 * over 64 bytes outside the heap, which costs microseconds each on the per-rollout reward path.
 */
export function zeros(n: number): number[] {
  return new Array<number>(n).fill(0)
}

/** `np.spacing(1)`: the gap between 1 and the next double, used as the eps in COCO precision. */
export const NP_SPACING_1 = 2.220446049250313e-16

/** One area range with its label (pycocotools `areaRngLbl`). */
export interface AreaRange {
  label: string
  min: number
  max: number
}

/** Everything `evaluate` and `accumulate` need to know. */
export interface CocoParams {
  iouThrs: Float64Array
  recThrs: Float64Array
  /** ascending; the last one caps the detections per image */
  maxDets: readonly number[]
  areaRanges: readonly AreaRange[]
}

/** pycocotools `Params.setDetParams()`. */
export function defaultCocoParams(): CocoParams {
  return {
    iouThrs: linspace(0.5, 0.95, Math.round((0.95 - 0.5) / 0.05) + 1),
    recThrs: linspace(0, 1, Math.round((1 - 0) / 0.01) + 1),
    maxDets: [1, 10, 100],
    areaRanges: [
      { label: 'all', min: 0, max: 1e5 ** 2 },
      { label: 'small', min: 0, max: 32 ** 2 },
      { label: 'medium', min: 32 ** 2, max: 96 ** 2 },
      { label: 'large', min: 96 ** 2, max: 1e5 ** 2 },
    ],
  }
}

/**
 * numpy's pairwise summation (`pairwise_sum_DOUBLE`: 8-way unrolled blocks of up to 128, halved above), which
 * `np.mean` uses; a plain running sum would drift from the reference in the last digits on 80 000 entries.
 * Summed by `pairwiseSumF64` (a plain array is copied into a Float64Array first).
 */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return pairwiseSumF64(a instanceof Float64Array ? a : Float64Array.from(a), start, n)
}

/**
 * `pairwiseSum` on a `Float64Array`: numpy's additions in numpy's order (checked equal to the recursive definition
 * on random arrays in coco-evaluate.test.ts). The per-rollout AP (../detection-map/single-image-ap.ts) sums ~1000
 * cells per category on every call, so one array type keeps the element loads monomorphic, and the recursion,
 * which depends only on `n`, is replayed from a cached plan (leaves, then the sums of pairs) rather than walked by
 * ~60 calls, a third of the time on a 4000-cell block.
 */
export function pairwiseSumF64(a: Float64Array, start: number, n: number): number {
  if (n <= 128) return leafSum(a, start, n)
  const plan = planOf(n)
  const stack = STACK
  let sp = 0
  for (let i = 0; i < plan.length; i += 2) {
    const len = plan[i] as number
    if (len > 0) stack[sp++] = leafSum(a, start + (plan[i + 1] as number), len)
    else {
      sp--
      stack[sp - 1] = (stack[sp - 1] as number) + (stack[sp] as number)
    }
  }
  return stack[0] as number
}

/** deep enough for any n below 2^60: each level halves n */
const STACK = new Float64Array(64)
const PLANS = new Map<number, Int32Array>()

/**
 * `pairwiseSum`'s recursion for `n` as a post-order program of pairs: `[len, offset]` sums the leaf at `offset`,
 * `[0, 0]` replaces the two last sums by their sum (left + right).
 */
function planOf(n: number): Int32Array {
  let plan = PLANS.get(n)
  if (plan) return plan
  const ops: number[] = []
  const walk = (at: number, m: number): void => {
    if (m <= 128) {
      ops.push(m, at)
      return
    }
    let m2 = Math.floor(m / 2)
    m2 -= m2 % 8
    walk(at, m2)
    walk(at + m2, m - m2)
    ops.push(0, 0)
  }
  walk(0, n)
  plan = Int32Array.from(ops)
  if (PLANS.size >= 64) PLANS.clear()
  PLANS.set(n, plan)
  return plan
}

/** One leaf of the pairwise sum (n ≤ 128): eight lanes over the whole blocks of 8, combined as a tree, then the rest. */
function leafSum(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0
    for (let i = 0; i < n; i++) res += a[start + i] as number
    return res
  }
  let r0 = a[start] as number
  let r1 = a[start + 1] as number
  let r2 = a[start + 2] as number
  let r3 = a[start + 3] as number
  let r4 = a[start + 4] as number
  let r5 = a[start + 5] as number
  let r6 = a[start + 6] as number
  let r7 = a[start + 7] as number
  const blocks = start + n - (n % 8)
  let b = start + 8
  for (; b < blocks; b += 8) {
    r0 += a[b] as number
    r1 += a[b + 1] as number
    r2 += a[b + 2] as number
    r3 += a[b + 3] as number
    r4 += a[b + 4] as number
    r5 += a[b + 5] as number
    r6 += a[b + 6] as number
    r7 += a[b + 7] as number
  }
  let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7))
  for (; b < start + n; b++) res += a[b] as number
  return res
}
