/**
 * The Motion-o / Open-o3 Video think-trace grammar, read in linear time:
 * - claims `<obj>person</obj><box>[x1,y1,x2,y2]</box>…at<t>12.3</t>s`: an optional object name, one or more boxes,
 *   then the time (`at` and the trailing `s` optional, whitespace allowed between tokens);
 * - motion tags `<motion obj="person" dir="S" speed="slow" scale="receding"/>`, the last per object winning.
 * @see rewards.md §6d; ostadabbas/Motion-o `training/motion_reward_v3.py`
 */
import type { BoxXYXY } from '../../geometry/box.js'
import { skipWhitespace } from '../../parsing/chars.js'
import { readQuad, readSigned } from './scan.js'
import { normaliseName } from './video-reference.js'

/** Boxes claimed for one (normalised) object name at one time. */
export interface ClaimGroup {
  /** '' when no `<obj>` precedes the boxes */
  name: string
  boxes: BoxXYXY[]
  t: number
}

/** At most this many claim groups, and four times as many boxes, are read; more makes the parse `too_large`. */
export const MAX_CLAIMS = 1024
const MAX_BOXES = 4 * MAX_CLAIMS
const MAX_NAME = 200

/** Every claim group in `text`, left to right, or undefined when there are more than `MAX_CLAIMS` (or boxes). */
export function parseClaims(text: string): ClaimGroup[] | undefined {
  const out: ClaimGroup[] = []
  let boxCount = 0
  for (let i = text.indexOf('<box>'); i !== -1; ) {
    const boxes: BoxXYXY[] = []
    let j = i
    for (;;) {
      const quad = readQuad(text, j + 5)
      if (!quad) break
      const close = skipWhitespace(text, quad[1])
      if (!text.startsWith('</box>', close)) break
      if (++boxCount > MAX_BOXES) return undefined
      boxes.push(quad[0])
      j = skipWhitespace(text, close + 6)
      if (!text.startsWith('<box>', j)) break
    }
    let k = skipWhitespace(text, j)
    if (boxes.length > 0 && text.startsWith('at', k)) k = skipWhitespace(text, k + 2)
    const t = boxes.length > 0 && text.startsWith('<t>', k) ? readSigned(text, k + 3) : undefined
    if (t && Number.isFinite(t[0]) && text.startsWith('</t>', skipWhitespace(text, t[1]))) {
      if (out.length === MAX_CLAIMS) return undefined
      out.push({ name: nameBefore(text, i), boxes, t: t[0] })
    }
    i = text.indexOf('<box>', Math.max(j, i) + 1)
  }
  return out
}

/** The normalised name in `<obj>…</obj>` right before `at` (spaces between allowed), or ''. */
function nameBefore(text: string, at: number): string {
  let e = at
  while (e > 0 && text.charCodeAt(e - 1) <= 32) e--
  if (e < 6 || !text.startsWith('</obj>', e - 6)) return ''
  // search a bounded window back, so a run of bare `</obj>` tags cannot make the scan quadratic
  const from = Math.max(0, e - 11 - MAX_NAME)
  const open = text.slice(from, e - 6).lastIndexOf('<obj>')
  return open === -1 ? '' : normaliseName(text.slice(from + open + 5, e - 6))
}

export const DIRECTIONS = ['E', 'NE', 'N', 'NW', 'W', 'SW', 'S', 'SE'] as const
export type Direction = (typeof DIRECTIONS)[number] | 'STAT'
export const SPEEDS = ['stationary', 'slow', 'moderate', 'fast'] as const
export type Speed = (typeof SPEEDS)[number]
export const SCALES = ['receding', 'stable', 'approaching'] as const
export type ScaleTrend = (typeof SCALES)[number]

/** A motion tag; `speed` and `scale` are absent on a legacy (direction-only) tag. */
export interface MotionTag {
  dir: Direction
  speed?: Speed
  scale?: ScaleTrend
}

const DIR_SET = new Set<string>([...DIRECTIONS, 'STAT'])
const SPEED_SET = new Set<string>(SPEEDS)
const SCALE_SET = new Set<string>(SCALES)
const MAX_TAG = 400

/**
 * The motion tags in `text` by normalised object name: the last full (v2) tag per object, or, for an object with
 * none, its last legacy tag (`obj` and `dir` only). A tag with an unknown value is ignored.
 */
export function parseMotionTags(text: string): Map<string, MotionTag> {
  const full = new Map<string, MotionTag>()
  const legacy = new Map<string, MotionTag>()
  let end = -1
  for (let i = text.indexOf('<motion'); i !== -1; i = text.indexOf('<motion', i + 7)) {
    // tags before the same '>' share it: search again only past it, so the scan stays linear
    if (end < i + 7) end = text.indexOf('>', i + 7)
    if (end === -1) break
    if (end - i > MAX_TAG || !/\s/.test(text.charAt(i + 7))) continue
    const attrs = readAttributes(text.slice(i + 7, text.charCodeAt(end - 1) === 47 ? end - 1 : end))
    const obj = attrs.get('obj')
    const dir = attrs.get('dir')?.toUpperCase()
    if (obj === undefined || dir === undefined || !DIR_SET.has(dir)) continue
    const speed = attrs.get('speed')?.toLowerCase()
    const scale = attrs.get('scale')?.toLowerCase()
    const name = normaliseName(obj)
    if (speed === undefined && scale === undefined) legacy.set(name, { dir: dir as Direction })
    else if (speed !== undefined && scale !== undefined && SPEED_SET.has(speed) && SCALE_SET.has(scale))
      full.set(name, { dir: dir as Direction, speed: speed as Speed, scale: scale as ScaleTrend })
  }
  for (const [name, tag] of legacy) if (!full.has(name)) full.set(name, tag)
  return full
}

// bounded: the slice is at most MAX_TAG characters and the pattern has no nested quantifiers
const ATTR = /([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

function readAttributes(s: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of s.matchAll(ATTR)) out.set((m[1] as string).toLowerCase(), (m[2] ?? m[3] ?? '').trim())
  return out
}
