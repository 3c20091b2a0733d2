import { zeros } from './params.js'

/** COCO-format inputs, indexed the way pycocotools `COCO` / `loadRes` / `COCOeval._prepare` index them. */

/** A ground-truth annotation (COCO `instances_*.json`); `bbox` is `[x, y, w, h]`. */
export interface CocoAnnotation {
  id?: number | undefined
  image_id: number
  category_id: number
  bbox: readonly number[]
  /** the segmentation area in COCO; the area ranges use it (default: `w·h`) */
  area?: number | undefined
  iscrowd?: number | boolean | undefined
}

/** A ground-truth file: `{images, annotations, categories}`. */
export interface CocoGroundTruth {
  images: readonly { id: number }[]
  annotations: readonly CocoAnnotation[]
  categories: readonly { id: number }[]
}

/** One detection of a results file. */
export interface CocoDetection {
  image_id: number
  category_id: number
  bbox: readonly number[]
  score: number
}

/** Thrown for inputs pycocotools would reject (a detection on an image the ground truth does not have). */
export class CocoInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CocoInputError'
  }
}

/**
 * Columnar, indexed form: boxes as xywh in flat arrays, and per (image, category) cell the indices of its
 * ground truths (in annotation order) and detections (in results order).
 */
export interface CocoIndex {
  imgIds: readonly number[]
  catIds: readonly number[]
  /** cell `i * catIds.length + k` → ground-truth indices */
  gtCells: (number[] | undefined)[]
  dtCells: (number[] | undefined)[]
  gtBox: number[]
  gtArea: number[]
  gtCrowd: number[]
  /** pycocotools stores the matched gt's id and reads 0 as "no match"; a gt with id 0 is never counted matched */
  gtIdNonZero: number[]
  dtBox: number[]
  dtArea: number[]
  dtScore: number[]
}

/** Builds the index; image and category ids are sorted numerically, as `sorted(getImgIds())` does. */
export function indexCoco(gt: CocoGroundTruth, dts: readonly CocoDetection[]): CocoIndex {
  const imgIds = [...new Set(gt.images.map((im) => im.id))].sort((a, b) => a - b)
  const catIds = [...new Set(gt.categories.map((c) => c.id))].sort((a, b) => a - b)
  const imgPos = new Map(imgIds.map((id, i) => [id, i]))
  const catPos = new Map(catIds.map((id, k) => [id, k]))
  const K = catIds.length
  const cells = imgIds.length * K
  const gtCells: (number[] | undefined)[] = new Array(cells)
  const dtCells: (number[] | undefined)[] = new Array(cells)
  const anns = gt.annotations
  const gtBox = zeros(anns.length * 4)
  const gtArea = zeros(anns.length)
  const gtCrowd = zeros(anns.length)
  const gtIdNonZero = zeros(anns.length)
  anns.forEach((a, n) => {
    copyBox(gtBox, n, a.bbox)
    gtArea[n] = a.area ?? (a.bbox[2] as number) * (a.bbox[3] as number)
    gtCrowd[n] = a.iscrowd ? 1 : 0
    gtIdNonZero[n] = (a.id ?? n + 1) !== 0 ? 1 : 0
    const i = imgPos.get(a.image_id)
    const k = catPos.get(a.category_id)
    if (i === undefined || k === undefined) return
    push(gtCells, i * K + k, n)
  })
  const dtBox = zeros(dts.length * 4)
  const dtArea = zeros(dts.length)
  const dtScore = zeros(dts.length)
  dts.forEach((d, n) => {
    copyBox(dtBox, n, d.bbox)
    // loadRes: area = w·h, whatever the file says
    dtArea[n] = (d.bbox[2] as number) * (d.bbox[3] as number)
    dtScore[n] = d.score
    const i = imgPos.get(d.image_id)
    if (i === undefined)
      throw new CocoInputError(
        `detection ${n} is on image ${d.image_id}, which the ground truth does not have (results do not correspond to the current coco set)`,
      )
    const k = catPos.get(d.category_id)
    if (k === undefined) return
    push(dtCells, i * K + k, n)
  })
  return { imgIds, catIds, gtCells, dtCells, gtBox, gtArea, gtCrowd, gtIdNonZero, dtBox, dtArea, dtScore }
}

function push(cells: (number[] | undefined)[], c: number, n: number): void {
  const list = cells[c]
  if (list) list.push(n)
  else cells[c] = [n]
}

function copyBox(out: number[], n: number, b: readonly number[]): void {
  out[n * 4] = b[0] as number
  out[n * 4 + 1] = b[1] as number
  out[n * 4 + 2] = b[2] as number
  out[n * 4 + 3] = b[3] as number
}
