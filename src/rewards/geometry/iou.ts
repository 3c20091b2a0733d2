import type { BoxXYXY } from './box.js'

/**
 * Intersection over union with continuous areas (COCO, torchvision `box_iou`), in [0, 1].
 * 0 when either box is degenerate, inverted or non-finite (see `box.ts`), and when the union is 0.
 * @see rewards.md P3 `iou_cont`; pycocotools `maskApi.c` `bbIou` (no +1)
 * @example iou([10, 10, 50, 50], [12, 12, 50, 50]) //= 0.9025
 */
export function iou(a: BoxXYXY, b: BoxXYXY): number {
  const aw = a[2] - a[0]
  const ah = a[3] - a[1]
  const bw = b[2] - b[0]
  const bh = b[3] - b[1]
  // false for NaN, zero and negative sides
  if (!(aw > 0 && ah > 0 && bw > 0 && bh > 0)) return 0
  const iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0])
  const ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1])
  if (!(iw > 0 && ih > 0)) return 0
  const inter = iw * ih
  const union = aw * ah + bw * bh - inter
  const v = inter / union
  // non-finite (infinite boxes) → 0; rounding can never push past 1
  // NaN must become 0; Math.min/max would propagate it
  return v > 0 ? (v < 1 ? v : 1) : 0
}

/**
 * The pixel-inclusive IoU of VLM-R1 and Jigsaw-R1 (`iou_px`): the intersection is measured on pixel indices
 * (`ix2 = min(x2a − 1, x2b − 1)`, `(ix2 − ix1 + 1)·(iy2 − iy1 + 1)`, counted only if `ix1 < ix2 && iy1 < iy2`) and
 * the union with continuous areas. Equal to `iou` except that overlaps of at most 1 px in width or height count
 * as 0. Improper boxes give 0 (the reference would divide by a negative or zero union).
 * @see rewards.md P3; om-ai-lab/VLM-R1 `src/open-r1-multimodal/src/open_r1/grpo_jsonl.py` `iou`
 * @example iouPixelInclusive([100, 100, 200, 200], [110, 100, 210, 200]) //= 0.8181…
 */
export function iouPixelInclusive(a: BoxXYXY, b: BoxXYXY): number {
  const aw = a[2] - a[0]
  const ah = a[3] - a[1]
  const bw = b[2] - b[0]
  const bh = b[3] - b[1]
  if (!(aw > 0 && ah > 0 && bw > 0 && bh > 0)) return 0
  const ix1 = Math.max(a[0], b[0])
  const iy1 = Math.max(a[1], b[1])
  const ix2 = Math.min(a[2] - 1, b[2] - 1)
  const iy2 = Math.min(a[3] - 1, b[3] - 1)
  if (!(ix1 < ix2 && iy1 < iy2)) return 0
  const inter = (ix2 - ix1 + 1) * (iy2 - iy1 + 1)
  const v = inter / (aw * ah + bw * bh - inter)
  // NaN must become 0; Math.min/max would propagate it
  return v > 0 ? (v < 1 ? v : 1) : 0
}

/**
 * Generalized IoU, `iou − (C − U)/C` with C the area of the smallest enclosing box, in [−1, 1].
 * A degenerate box (zero area, finite, not inverted) follows the formula (a point inside the other box scores
 * `0 − (C − U)/C`); an inverted or non-finite box, or an enclosing box of zero area, gives −1, the worst value.
 * @see https://arxiv.org/abs/1902.09630 (Rezatofighi et al., GIoU); rewards.md P3
 * @example giou([0, 0, 2, 2], [3, 0, 5, 2]) //= -0.2
 */
export function giou(a: BoxXYXY, b: BoxXYXY): number {
  const aw = a[2] - a[0]
  const ah = a[3] - a[1]
  const bw = b[2] - b[0]
  const bh = b[3] - b[1]
  // false for NaN and inverted boxes; infinite sides fail the finiteness test below
  if (!(aw >= 0 && ah >= 0 && bw >= 0 && bh >= 0)) return -1
  const cw = Math.max(a[2], b[2]) - Math.min(a[0], b[0])
  const ch = Math.max(a[3], b[3]) - Math.min(a[1], b[1])
  const c = cw * ch
  if (!(c > 0 && c < Number.POSITIVE_INFINITY)) return -1
  const iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0])
  const ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1])
  const inter = iw > 0 && ih > 0 ? iw * ih : 0
  const union = aw * ah + bw * bh - inter
  const v = (union > 0 ? inter / union : 0) - (c - union) / c
  return Math.min(1, Math.max(-1, v))
}
