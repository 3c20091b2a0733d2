import { defaultCocoParams, NP_SPACING_1 } from '../coco/params.js'

/** The flags `matchCategory` (./single-image-ap.ts) writes per detection: a true or a false positive; 0 is ignored. */
export const TP = 1
export const FP = 2

const REC_THRS = defaultCocoParams().recThrs
const R = REC_THRS.length

/**
 * `accumulate` for one (threshold, category): cumulative TP/FP over the flags, `pr = tp/(tp + fp + np.spacing(1))`
 * made non-increasing from the right, sampled at the recall thresholds into `out[at + r·stride]`. Returns how many
 * leading cells may be non-zero (the rest are 0).
 */
export function writeRow(
  s: Float64Array,
  flags: number,
  D: number,
  npig: number,
  work: number,
  out: Float64Array,
  at: number,
  stride: number,
  zeroUntil: number,
): number {
  const rcAt = work
  const prAt = work + D
  let tpSum = 0
  let fpSum = 0
  for (let j = 0; j < D; j++) {
    const f = s[flags + j]
    if (f === TP) tpSum++
    else if (f === FP) fpSum++
    // rc = tp/npig, divided once per detection rather than once per recall threshold in the walk below
    s[rcAt + j] = tpSum / npig
    s[prAt + j] = tpSum / (fpSum + tpSum + NP_SPACING_1)
  }
  for (let j = D - 1; j > 0; j--)
    if ((s[prAt + j] as number) > (s[prAt + j - 1] as number)) s[prAt + j - 1] = s[prAt + j] as number
  // q[r] = pr[searchsorted(rc, recThrs[r], 'left')], 0 past the end: detection j serves the thresholds in
  // (rc[j−1], rc[j]]; cells from `zeroUntil` on already hold 0
  let r = 0
  for (let j = 0; j < D && r < R; j++) {
    const end = thresholdsUpTo(s[rcAt + j] as number)
    const q = s[prAt + j] as number
    for (; r < end; r++, at += stride) out[at] = q
  }
  const nonZero = r
  for (; r < zeroUntil; r++, at += stride) out[at] = 0
  return nonZero
}

/** How many recall thresholds are ≤ `rc`: estimated as ⌊100·rc⌋ + 1, then settled on the actual doubles. */
function thresholdsUpTo(rc: number): number {
  let e = rc >= 1 ? R : rc > 0 ? Math.min(R, Math.floor(rc * (R - 1)) + 1) : 0
  while (e > 0 && (REC_THRS[e - 1] as number) > rc) e--
  while (e < R && (REC_THRS[e] as number) <= rc) e++
  return e
}
