/**
 * The corner pairs `(x1,y1),(x2,y2)` of a LISA answer, as Visual-RFT's `grpo_lisa.py` reads them with
 * `\(\s*(\d+)\s*,\s*(\d+)\s*\)\s*,\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)` (non-negative integers only).
 * The regex has no nested quantifiers, so it runs in linear time; callers bound the text length.
 */
const PAIR = /\(\s*(\d{1,12})\s*,\s*(\d{1,12})\s*\)\s*,\s*\(\s*(\d{1,12})\s*,\s*(\d{1,12})\s*\)/g

/** At most this many boxes are read. */
const MAX_BOXES = 64

/**
 * The box a LISA answer names, in model units, or undefined when there is none.
 * - `fixed`: the first match's own corners.
 * - `faithful` (QUIRK): the reference builds `[all (x1,y1)] + [all (x2,y2)]` and takes the first two points, so
 *   with two or more boxes the "bottom-right" corner is the second box's top-left.
 * @see Liuziyu77/Visual-RFT `src/virft/src/open_r1/grpo_lisa.py`; rewards.md 1c
 * @example lisaBox('(10,20),(30,40) and (50,60),(70,80)', 'faithful') //= [10, 20, 50, 60]
 */
export function lisaBox(answer: string, mode: 'fixed' | 'faithful'): [number, number, number, number] | undefined {
  const tl: number[] = []
  const br: number[] = []
  for (const m of answer.matchAll(PAIR)) {
    tl.push(Number(m[1]), Number(m[2]))
    br.push(Number(m[3]), Number(m[4]))
    if (tl.length >= MAX_BOXES * 2 || mode === 'fixed') break
  }
  if (tl.length === 0) return undefined
  if (mode === 'fixed') return [tl[0] as number, tl[1] as number, br[0] as number, br[1] as number]
  const points = [...tl, ...br]
  return [points[0] as number, points[1] as number, points[2] as number, points[3] as number]
}
