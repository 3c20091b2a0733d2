/**
 * Parsers for point-style and GUI-agent formats: Molmo `<point>` tags, UI-TARS action arguments and Aguvis
 * `pyautogui` calls, plus the JSON keys of Qwen2.5-VL / Qwen3-VL / GLM (`bbox_2d`, `point_2d`) and Gemini
 * (`box_2d`, `point`).
 * @see protocols.md §E (the 19-model table)
 */
import { cleanLabel, indexWithin, pushShape, readGroup, type Shape, scanNumbers } from './scan.js'

/** How far the parsers look for a tag's end, an attribute list or a call's arguments. */
const WINDOW = 1024

/** `name="value"` / `name='value'` attributes in `text[start, end)`. */
function attributes(text: string, start: number, end: number): Map<string, string> {
  const out = new Map<string, string>()
  const re = /([A-Za-z_][\w-]{0,31})\s{0,8}=\s{0,8}(?:"([^"]{0,256})"|'([^']{0,256})')/g
  const s = text.slice(start, end)
  for (let m = re.exec(s); m !== null; m = re.exec(s)) out.set(m[1]!, m[2] ?? m[3] ?? '')
  return out
}

/**
 * Molmo: `<point x="61.5" y="40.6" alt="cat">cat</point>` and `<points x1=".." y1=".." x2=".." y2=".." alt="..">..</points>`,
 * in percent (map with `pct100`). The label is `alt`, else the element's text.
 * @see allenai/molmo `olmo/html_utils.py` (third-party parsers follow it)
 */
export function scanMolmo(text: string, out: Shape[], max: number): void {
  let i = text.indexOf('<point')
  while (i !== -1 && out.length < max) {
    const close = indexWithin(text, '>', i, WINDOW)
    if (close === -1) break
    const plural = text.startsWith('<points', i)
    const attrs = attributes(text, i + (plural ? 7 : 6), close)
    const endTag = plural ? '</points>' : '</point>'
    const endAt = indexWithin(text, endTag, close, WINDOW)
    const inner = endAt !== -1 ? text.slice(close + 1, endAt) : undefined
    const label = cleanLabel(attrs.get('alt') ?? inner)
    if (plural) {
      for (let k = 1; k <= 64; k++) {
        const x = attrs.get(`x${k}`)
        const y = attrs.get(`y${k}`)
        if (x === undefined || y === undefined) break
        if (!pushShape(out, [toNumber(x), toNumber(y)], i, label, max)) return
      }
    } else {
      const x = attrs.get('x')
      const y = attrs.get('y')
      if (x !== undefined && y !== undefined) pushShape(out, [toNumber(x), toNumber(y)], i, label, max)
    }
    i = text.indexOf('<point', close)
  }
}

/** A strict number (NaN for anything else, so the shape is kept and later scored as non-finite). */
function toNumber(s: string): number {
  const t = s.trim()
  return t === '' ? Number.NaN : Number(t)
}

const UI_TARS_ARG = /\b(start_box|end_box|start_point|end_point|point)\s{0,8}=\s{0,8}(['"]?)/g

/**
 * UI-TARS: action arguments `start_box='<|box_start|>(x1,y1)<|box_end|>'`, `start_box='(x1,y1,x2,y2)'`,
 * `point='<point>x y</point>'`, `start_point=`, `end_box=`, `end_point=`. Two numbers make a point, four a box
 * (UI-TARS clicks the box centre). The label is the argument's name. v1 answers in `norm1000`, 1.5 in
 * `pixel-resized` (min 100·28², max 16384·28²); the space must be named.
 * @see bytedance/UI-TARS `codes/ui_tars/action_parser.py`
 */
export function scanUiTars(text: string, out: Shape[], max: number): void {
  UI_TARS_ARG.lastIndex = 0
  for (let m = UI_TARS_ARG.exec(text); m !== null && out.length < max; m = UI_TARS_ARG.exec(text)) {
    const start = UI_TARS_ARG.lastIndex
    const quote = m[2]
    let end: number
    if (quote) end = indexWithin(text, quote, start, WINDOW)
    else {
      end = start
      while (end < text.length && end - start < WINDOW && text[end] !== ')' && text[end] !== '\n') end++
    }
    if (end === -1 || end - start > WINDOW) continue
    pushShape(out, scanNumbers(text, start, end, 5), m.index, m[1], max)
    UI_TARS_ARG.lastIndex = end
  }
}

const PYAUTOGUI = /pyautogui\.([A-Za-z]{1,32})\(/g
const NAMED_XY =
  /\bx\s{0,8}=\s{0,8}([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s{0,8},\s{0,8}y\s{0,8}=\s{0,8}([-+]?(?:\d+(?:\.\d*)?|\.\d+))/

/**
 * Aguvis (and pyautogui-style agents): `pyautogui.click(x=0.23, y=0.61)` or positional `pyautogui.moveTo(0.23, 0.61)`
 * (0-1 floats: map with `norm1`). The label is the function name. Without any call, bare `x=…, y=…` pairs count,
 * as VLMEvalKit's ScreenSpot regex reads them.
 * @see xlang-ai/aguvis `src/aguvis/constants.py`; VLMEvalKit `vlmeval/dataset/GUI/screenspot.py`
 */
export function scanAguvis(text: string, out: Shape[], max: number): void {
  const before = out.length
  PYAUTOGUI.lastIndex = 0
  for (let m = PYAUTOGUI.exec(text); m !== null && out.length < max; m = PYAUTOGUI.exec(text)) {
    const start = PYAUTOGUI.lastIndex
    const close = indexWithin(text, ')', start, WINDOW)
    if (close === -1) continue
    const args = text.slice(start, close)
    const named = NAMED_XY.exec(args)
    const nums = named ? [Number(named[1]), Number(named[2])] : scanNumbers(args, 0, args.length, 2)
    pushShape(out, nums, m.index, m[1], max)
  }
  if (out.length > before) return
  const bare = new RegExp(NAMED_XY.source, 'g')
  for (let m = bare.exec(text); m !== null && out.length < max; m = bare.exec(text)) {
    pushShape(out, [Number(m[1]), Number(m[2])], m.index, undefined, max)
  }
}

/** JSON keys that hold a box or a point, per format. */
export interface JsonKeys {
  box: readonly string[]
  point: readonly string[]
}
export const QWEN_JSON_KEYS: JsonKeys = { box: ['bbox_2d'], point: ['point_2d'] }
export const GEMINI_JSON_KEYS: JsonKeys = { box: ['box_2d'], point: ['point'] }

const isKeyChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
const LABEL = /["']label["']\s{0,8}:\s{0,8}(?:"((?:[^"\\]|\\.){0,256})"|'([^']{0,256})')/

/**
 * JSON objects with box/point keys: `[{"bbox_2d": [x1,y1,x2,y2], "label": "cat"}]` (Qwen2.5-VL, Qwen3-VL, GLM), or
 * Gemini's `{"box_2d": [ymin,xmin,ymax,xmax], "label": ..}` and `{"point": [y, x]}`. Read by key rather than by
 * `JSON.parse`, so fenced or bare JSON, single quotes (Python reprs), trailing prose and a list truncated mid-object
 * all give their complete shapes; a key whose value is not a flat list of numbers is skipped. The label is the
 * `label` key of the same object (found within the object's braces).
 * @see QwenLM/Qwen2.5-VL `cookbooks/spatial_understanding.ipynb`; Google Gemini docs "Object detection"
 */
export function scanJsonKeys(text: string, keys: JsonKeys, out: Shape[], max: number): void {
  const hits: { at: number; group: number; kind: 'box' | 'point' }[] = []
  for (const [kind, list] of [
    ['box', keys.box],
    ['point', keys.point],
  ] as const) {
    for (const key of list) {
      for (let i = text.indexOf(key); i !== -1 && hits.length < max * 2; i = text.indexOf(key, i + key.length)) {
        if (i > 0 && isKeyChar(text.charCodeAt(i - 1))) continue
        let j = i + key.length
        if (isKeyChar(text.charCodeAt(j))) continue // `point_2d` is not `point`
        if (text[j] === '"' || text[j] === "'") j++
        while (text[j] === ' ' || text[j] === '\t') j++
        if (text[j] !== ':') continue
        j++
        while (text[j] === ' ' || text[j] === '\t' || text[j] === '\n') j++
        if (text[j] === '[') hits.push({ at: i, group: j, kind })
      }
    }
  }
  hits.sort((a, b) => a.at - b.at)
  for (const h of hits) {
    const g = readGroup(text, h.group + 1, 93)
    if (!g || g.nums.length !== (h.kind === 'box' ? 4 : 2)) continue
    if (!pushShape(out, g.nums, h.at, objectLabel(text, h.at, g.end), max)) return
  }
}

/** The `label` of the object around `text[at, end)`: searched between the nearest enclosing braces (bounded). */
function objectLabel(text: string, at: number, end: number): string | undefined {
  const open = lastWithin(text, 123, at)
  const from = open !== -1 ? open : at
  const close = indexWithin(text, '}', end, WINDOW)
  const to = close !== -1 ? close : end
  const prevClose = lastWithin(text, 125, at)
  const lo = Math.max(prevClose, from)
  const m = LABEL.exec(text.slice(lo, to))
  if (!m) return undefined
  return cleanLabel(m[1] !== undefined ? unescapeJson(m[1]) : m[2])
}

/** The last index of char code `c` before `at` and at most `WINDOW` back, else -1 (bounded, unlike `lastIndexOf`). */
function lastWithin(text: string, c: number, at: number): number {
  const stop = Math.max(0, at - WINDOW)
  for (let i = at - 1; i >= stop; i--) if (text.charCodeAt(i) === c) return i
  return -1
}

function unescapeJson(s: string): string {
  if (!s.includes('\\')) return s
  try {
    return JSON.parse(`"${s}"`) as string
  } catch {
    return s
  }
}
