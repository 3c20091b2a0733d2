/**
 * `parseShapes`, `parseBoxes`, `parsePoints`: boxes and points from model output in every VLM convention of
 * protocols.md §E, in the model's raw space and text order (map them with `coordMapping` + `boxToPixels`).
 */
import type { CoordSpace } from '../../core/index.js'
import { GEMINI_JSON_KEYS, QWEN_JSON_KEYS, scanAguvis, scanJsonKeys, scanMolmo, scanUiTars } from './formats-gui.js'
import { GLM_TAGS, INTERNVL_TAGS, QWEN2_TAGS, scanFlorence, scanPaligemma, scanTagged } from './formats-tokens.js'
import { type ParsedBox, type ParsedPoint, type Shape, scanPlain } from './scan.js'

/**
 * Output formats the parsers read. Each names a convention, not a space (except where its tokens fix one; see
 * `FORMAT_SPACE`):
 * - `plain`: `[x1,y1,x2,y2]`, `(x1,y1,x2,y2)`, `(x1,y1),(x2,y2)`, points `[x,y]` / `(x,y)` (also CogVLM `[[…]]`)
 * - `qwen2-vl`: `<|object_ref_start|>obj<|object_ref_end|><|box_start|>(x1,y1),(x2,y2)<|box_end|>`; Qwen-VL v1 and
 *   OS-Atlas, and UI-TARS v1's `<|box_start|>(x,y)<|box_end|>` points
 * - `qwen-json`: Qwen2.5-VL / Qwen3-VL / GLM JSON `{"bbox_2d": [...], "point_2d": [...], "label": ..}`, fenced or not
 * - `internvl`: `<ref>obj</ref><box>[[x1,y1,x2,y2], …]</box>`; DeepSeek-VL2 `<|ref|>…<|/ref|><|det|>[[…]]<|/det|>`
 * - `paligemma`: `<locY1><locX1><locY2><locX2> label ;` (y first)
 * - `florence2`: `label<loc_x1><loc_y1><loc_x2><loc_y2>`
 * - `molmo`: `<point x="" y="">`, `<points x1="" y1="" …>` (percent)
 * - `glm`: `<|begin_of_box|>[x1,y1,x2,y2]<|end_of_box|>`
 * - `ui-tars`: `start_box='(x1,y1)'`, `point='<point>x y</point>'`, `end_box=`, …
 * - `aguvis`: `pyautogui.click(x=0.23, y=0.61)`
 * - `gemini`: JSON `{"box_2d": [ymin,xmin,ymax,xmax]}`, `{"point": [y, x]}` (y first)
 * - `auto`: the first of the above whose markers appear (`detectFormat`); lenient, for evaluation.
 */
export const COORD_FORMATS = [
  'plain',
  'qwen2-vl',
  'qwen-json',
  'internvl',
  'paligemma',
  'florence2',
  'molmo',
  'glm',
  'ui-tars',
  'aguvis',
  'gemini',
  'auto',
] as const
export type CoordFormat = (typeof COORD_FORMATS)[number]

/**
 * The space a format's own tokens fix, used when neither the reward's `coordSpace` param nor `meta.coordSpace` names
 * one. Formats missing here (`plain`, `qwen-json`, `ui-tars`, `auto`) do not fix a space: Qwen2.5-VL JSON is in
 * resized pixels but Qwen3-VL JSON in 0-1000, UI-TARS v1 in 0-1000 but 1.5 in resized pixels.
 */
export const FORMAT_SPACE: Partial<Record<CoordFormat, CoordSpace>> = {
  'qwen2-vl': 'norm1000',
  internvl: 'norm1000',
  paligemma: 'loc1024-yx',
  florence2: 'loc1000-florence',
  molmo: 'pct100',
  glm: 'norm1000',
  aguvis: 'norm1',
  gemini: 'norm1000-yx',
}

export interface ParseOptions {
  /** at most this many shapes (default 256; `parseBoxes`/`parsePoints`: of their kind); the rest is not read */
  max?: number
}

/** Default `ParseOptions.max`. */
export const MAX_SHAPES = 256

type Scanner = (text: string, out: Shape[], max: number) => void

const SCANNERS: Record<Exclude<CoordFormat, 'auto'>, Scanner> = {
  plain: (t, o, m) => scanPlain(t, o, m),
  'qwen2-vl': (t, o, m) => scanTagged(t, QWEN2_TAGS, o, m),
  'qwen-json': (t, o, m) => scanJsonKeys(t, QWEN_JSON_KEYS, o, m),
  internvl: (t, o, m) => scanTagged(t, INTERNVL_TAGS, o, m),
  paligemma: scanPaligemma,
  florence2: scanFlorence,
  molmo: scanMolmo,
  glm: (t, o, m) => scanTagged(t, GLM_TAGS, o, m),
  'ui-tars': scanUiTars,
  aguvis: scanAguvis,
  gemini: (t, o, m) => scanJsonKeys(t, GEMINI_JSON_KEYS, o, m),
}

/** Markers checked by `detectFormat`, most specific first. */
const MARKERS: readonly [Exclude<CoordFormat, 'auto'>, RegExp][] = [
  ['qwen-json', /["']?(?:bbox_2d|point_2d)["']?\s{0,8}:/],
  ['gemini', /["']?box_2d["']?\s{0,8}:|["']point["']\s{0,8}:/],
  ['paligemma', /<loc\d{4}>/],
  ['florence2', /<loc_\d{1,4}>/],
  ['molmo', /<points?\s/],
  ['ui-tars', /\b(?:start_box|end_box|start_point|end_point|point)\s{0,8}=/],
  ['aguvis', /pyautogui\.[A-Za-z]{1,32}\(/],
  ['glm', /<\|begin_of_box\|>/],
  ['qwen2-vl', /<\|box_start\|>|<box>\s{0,8}\(/],
  ['internvl', /<box>|<\|det\|>/],
]

/**
 * The format whose markers appear first in the list above (JSON keys, then tokens, then tags), else `plain`.
 * Lenient: for evaluation of unknown models; a training reward should name its format.
 * @example detectFormat('<loc0100><loc0200><loc0300><loc0400> cat') //= 'paligemma'
 */
export function detectFormat(text: string): Exclude<CoordFormat, 'auto'> {
  for (const [format, re] of MARKERS) if (re.test(text)) return format
  return 'plain'
}

/**
 * Every box and point in `text`, in text order, as the model wrote them (raw numbers, raw order, raw space).
 * Never throws; malformed groups are skipped, non-numeric Molmo attributes become NaN (scored as non-finite later).
 * @example parseShapes('<|box_start|>(10,20),(30,40)<|box_end|>', 'qwen2-vl') //= [{ kind: 'box', coords: [10, 20, 30, 40], at: 13 }]
 */
export function parseShapes(text: string, format: CoordFormat, options: ParseOptions = {}): Shape[] {
  const max = options.max ?? MAX_SHAPES
  const out: Shape[] = []
  const f = format === 'auto' ? detectFormat(text) : format
  SCANNERS[f](text, out, max)
  return out
}

/**
 * Every box in `text` (points are left out), raw.
 * @example parseBoxes('```json\n[{"bbox_2d": [1, 2, 3, 4], "label": "cat"}]\n```', 'qwen-json') //= [{ kind: 'box', coords: [1, 2, 3, 4], label: 'cat', at: 11 }]
 */
export function parseBoxes(text: string, format: CoordFormat, options: ParseOptions = {}): ParsedBox[] {
  return ofKind(text, format, options, (s): s is ParsedBox => s.kind === 'box')
}

/**
 * Every point in `text` (boxes are left out), raw.
 * @example parsePoints('<point x="61.5" y="40.6" alt="cup">cup</point>', 'molmo') //= [{ kind: 'point', coords: [61.5, 40.6], label: 'cup', at: 0 }]
 */
export function parsePoints(text: string, format: CoordFormat, options: ParseOptions = {}): ParsedPoint[] {
  return ofKind(text, format, options, (s): s is ParsedPoint => s.kind === 'point')
}

/**
 * The first `max` shapes of one kind. Shapes of the other kind do not count towards `max` (a point before a box
 * must not hide the box), so the scan reads up to `max(max, MAX_SHAPES)` shapes of both kinds.
 */
function ofKind<S extends Shape>(
  text: string,
  format: CoordFormat,
  options: ParseOptions,
  keep: (s: Shape) => s is S,
): S[] {
  const max = options.max ?? MAX_SHAPES
  const kept = parseShapes(text, format, { max: Math.max(max, MAX_SHAPES) }).filter(keep)
  return kept.length > max ? kept.slice(0, max) : kept
}
