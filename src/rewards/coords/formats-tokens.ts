/**
 * Parsers for coordinate formats written with special tokens or tags: Qwen2-VL / Qwen-VL / OS-Atlas boxes,
 * InternVL and DeepSeek-VL2 boxes, GLM-4.xV boxes, PaliGemma `<locNNNN>` and Florence-2 `<loc_N>` tokens.
 * @see protocols.md §E (the 19-model table)
 */
import { cleanLabel, indexWithin, pushShape, type Shape, scanNumbers, scanPlain } from './scan.js'

/** How far a label is looked for around its coordinates. */
const MAX_LABEL_SCAN = 1000

interface TagFamily {
  open: string
  close: string
  /** the tags around an object's name, just before its box */
  refOpen?: string
  refClose?: string
}

/** Qwen2-VL (`<|box_start|>`), and Qwen-VL v1 (`<ref>…</ref><box>(x1,y1),(x2,y2)</box>`). */
export const QWEN2_TAGS: readonly TagFamily[] = [
  { open: '<|box_start|>', close: '<|box_end|>', refOpen: '<|object_ref_start|>', refClose: '<|object_ref_end|>' },
  { open: '<box>', close: '</box>', refOpen: '<ref>', refClose: '</ref>' },
]
/** InternVL 2/2.5/3 (`<ref>obj</ref><box>[[x1,y1,x2,y2]]</box>`), and DeepSeek-VL2 (`<|ref|>obj<|/ref|><|det|>[[…]]<|/det|>`). */
export const INTERNVL_TAGS: readonly TagFamily[] = [
  { open: '<box>', close: '</box>', refOpen: '<ref>', refClose: '</ref>' },
  { open: '<|det|>', close: '<|/det|>', refOpen: '<|ref|>', refClose: '<|/ref|>' },
]
/** GLM-4.1V / GLM-4.5V (`<|begin_of_box|>[x1,y1,x2,y2]<|end_of_box|>`). */
export const GLM_TAGS: readonly TagFamily[] = [{ open: '<|begin_of_box|>', close: '<|end_of_box|>' }]

/** Start and end indices of every `open…close` span (content only), left to right, non-overlapping. */
function spans(text: string, open: string, close: string): number[] {
  const out: number[] = []
  let i = text.indexOf(open)
  while (i !== -1) {
    const start = i + open.length
    const end = text.indexOf(close, start)
    if (end === -1) break
    out.push(start, end)
    i = text.indexOf(open, end + close.length)
  }
  return out
}

/**
 * Boxes and points inside the tag families' box tags, labelled with the object name tagged just before each box
 * (a name counts only if it comes after the previous box). Content is read as plain coordinates (`(x1,y1),(x2,y2)`,
 * `[[x1,y1,x2,y2],…]`), else as the bare numbers inside (4 → box, 2 → point).
 */
export function scanTagged(text: string, families: readonly TagFamily[], out: Shape[], max: number): void {
  const before = out.length
  for (const f of families) {
    const boxes = spans(text, f.open, f.close)
    const refs = f.refOpen && f.refClose ? spans(text, f.refOpen, f.refClose) : []
    let r = 0
    let prevEnd = 0
    for (let k = 0; k < boxes.length && out.length < max; k += 2) {
      const start = boxes[k]!
      const end = boxes[k + 1]!
      // the last ref that closes before this box and opens after the previous box
      let label: string | undefined
      while (r < refs.length && refs[r + 1]! < start) {
        if (refs[r]! >= prevEnd) label = text.slice(refs[r]!, refs[r + 1]!)
        r += 2
      }
      label = cleanLabel(label)
      const n = out.length
      scanPlain(text, out, max, start, end, label)
      if (out.length === n) pushShape(out, scanNumbers(text, start, end, 5), start, label, max)
      prevEnd = end
    }
  }
  if (families.length > 1 && out.length - before > 1) sortTail(out, before)
}

/** Sorts `out[from..]` by text position (families are scanned one after another). */
function sortTail(out: Shape[], from: number): void {
  const tail = out.splice(from).sort((a, b) => a.at - b.at)
  for (const s of tail) out.push(s)
}

/**
 * Runs of location tokens `prefix` + digits + `>` (`<loc0123>`, `<loc_12>`), as [start, end, ...values] records.
 * `digits` fixes the digit count (PaliGemma: 4), 0 allows 1 to 4.
 */
function locRuns(
  text: string,
  prefix: string,
  digits: number,
  onRun: (start: number, end: number, v: number[]) => boolean,
) {
  let i = text.indexOf(prefix)
  while (i !== -1) {
    const runStart = i
    const values: number[] = []
    let j = i
    for (;;) {
      if (!text.startsWith(prefix, j)) break
      let k = j + prefix.length
      let v = 0
      let n = 0
      while (n < 5) {
        const c = text.charCodeAt(k)
        if (c < 48 || c > 57) break
        v = v * 10 + (c - 48)
        k++
        n++
      }
      const ok = text.charCodeAt(k) === 62 && (digits ? n === digits : n >= 1 && n <= 4)
      if (!ok) break
      values.push(v)
      j = k + 1
      if (values.length > 64) break // a pathological run: stop growing it
    }
    if (values.length > 0 && !onRun(runStart, j, values)) return
    i = text.indexOf(prefix, j > i ? j : i + 1)
  }
}

/**
 * PaliGemma 1/2: `<locY1><locX1><locY2><locX2> label ; …` (y first, 0-1023). Four tokens make a box, two a point
 * (`[y, x]`); runs of 8, 12, … tokens are read as consecutive boxes. The label runs to the next `;` or token.
 * Segmentation tokens `<segNNN>` are skipped. Coordinates stay in text order: map them with `loc1024-yx`.
 * @see google-research/big_vision `big_vision/evaluators/proj/paligemma/` (`(<loc(\d{4})>){4}`)
 */
export function scanPaligemma(text: string, out: Shape[], max: number): void {
  locRuns(text, '<loc', 4, (start, end, v) => {
    const label = cleanLabel(paligemmaLabel(text, end))
    if (v.length === 2) return pushShape(out, v, start, label, max)
    for (let k = 0; k + 4 <= v.length && v.length % 4 === 0; k += 4) {
      if (!pushShape(out, v.slice(k, k + 4), start, label, max)) return false
    }
    return out.length < max
  })
}

function paligemmaLabel(text: string, from: number): string {
  let i = from
  while (text.startsWith('<seg', i)) {
    const close = indexWithin(text, '>', i, 8)
    if (close === -1) break
    i = close + 1
  }
  const semi = indexWithin(text, ';', i, MAX_LABEL_SCAN)
  const nextLoc = indexWithin(text, '<loc', i, MAX_LABEL_SCAN)
  let end = i + MAX_LABEL_SCAN
  if (semi !== -1) end = semi
  if (nextLoc !== -1 && nextLoc < end) end = nextLoc
  return text.slice(i, end)
}

/**
 * Florence-2: `label<loc_x1><loc_y1><loc_x2><loc_y2>` (x first, 0-999 bins). Four tokens make a box, two a point,
 * eight a quadrilateral (OCR with region), read as its bounding box. The label is the text before the run, back to
 * the previous run. Coordinates stay quantised: map them with `loc1000-florence` (`(q + 0.5)/1000·size`).
 * @see microsoft/Florence-2-large `processing_florence2.py` (`<loc_(\d+)>`)
 */
export function scanFlorence(text: string, out: Shape[], max: number): void {
  let prevEnd = 0
  locRuns(text, '<loc_', 0, (start, end, v) => {
    const label = cleanLabel(text.slice(Math.max(prevEnd, start - MAX_LABEL_SCAN), start).replace(/<\/?s>/g, ''))
    prevEnd = end
    if (v.length === 8) {
      const xs = [v[0]!, v[2]!, v[4]!, v[6]!]
      const ys = [v[1]!, v[3]!, v[5]!, v[7]!]
      return pushShape(out, [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], start, label, max)
    }
    if (v.length === 2) return pushShape(out, v, start, label, max)
    for (let k = 0; k + 4 <= v.length && v.length % 4 === 0; k += 4) {
      if (!pushShape(out, v.slice(k, k + 4), start, label, max)) return false
    }
    return out.length < max
  })
}
