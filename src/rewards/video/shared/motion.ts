import type { BoxXYXY } from '../../geometry/box.js'
import type { Mode } from '../../shared/params.js'
import { DIRECTIONS, type Direction, type MotionTag, SCALES, type ScaleTrend, SPEEDS, type Speed } from './claims.js'

/** Ground-truth motion of one object between two boxes. */
export interface GroundTruthMotion {
  dir: Direction
  speed: Speed
  scale: ScaleTrend
}

/**
 * Motion-o's ground-truth motion from the first and last matched boxes, `dt` seconds apart:
 * - direction of the centre shift (dx, −dy: image y points down), STAT when `|d| < max(.02·avg_diag, 3 px)`, else
 *   the 45° bucket `(atan2° + 22.5)/45 mod 8` of [E, NE, N, NW, W, SW, S, SE], floored: each bin is the 45° sector
 *   centred on its compass point, so −30° is SE and −90° is S;
 * - speed `v = |d|/dt/avg_diag`: < .02 stationary, < .10 slow, < .30 moderate, else fast;
 * - scale `ln(A2/A1)`: > .15 approaching, < −.15 receding, else stable.
 *
 * QUIRK (`mode: 'faithful'`): the reference takes Python's `int()` of the bucket, which truncates toward zero, on
 * the raw `atan2` angle in (−180°, 180°] (rewards.md §6d writes `int((atan2(dy,dx)° + 22.5)/45) mod 8`, with no
 * normalisation to [0°, 360°)). Below −22.5° every bin shifts one step counter-clockwise (−30° reads E, −90° SE,
 * −170° SW), and E spans (−67.5°, 22.5°). Angles from −22.5° up are bucketed alike in both modes.
 * @see rewards.md §6d; ostadabbas/Motion-o `training/motion_reward_v3.py`
 * @example groundTruthMotion([0, 0, 10, 10], [100, 0, 110, 10], 2) //= { dir: 'E', speed: 'fast', scale: 'stable' }
 */
export function groundTruthMotion(a: BoxXYXY, b: BoxXYXY, dt: number, mode: Mode = 'fixed'): GroundTruthMotion {
  const dx = (b[0] + b[2]) / 2 - (a[0] + a[2]) / 2
  const dy = -((b[1] + b[3]) / 2 - (a[1] + a[3]) / 2)
  const d = Math.hypot(dx, dy)
  const diag = (Math.hypot(a[2] - a[0], a[3] - a[1]) + Math.hypot(b[2] - b[0], b[3] - b[1])) / 2
  let dir: Direction = 'STAT'
  if (!(d < Math.max(0.02 * diag, 3))) {
    const deg = (Math.atan2(dy, dx) * 180) / Math.PI
    const bin = mode === 'faithful' ? Math.trunc((deg + 22.5) / 45) : Math.floor((deg + 22.5) / 45)
    // Python's `%` is non-negative for a positive modulus
    dir = DIRECTIONS[(((bin % 8) + 8) % 8) as 0] as Direction
  }
  const v = dt > 0 && diag > 0 ? d / dt / diag : 0
  const speed: Speed = v < 0.02 ? 'stationary' : v < 0.1 ? 'slow' : v < 0.3 ? 'moderate' : 'fast'
  const areaA = (a[2] - a[0]) * (a[3] - a[1])
  const areaB = (b[2] - b[0]) * (b[3] - b[1])
  const r = areaA > 0 && areaB > 0 ? Math.log(areaB / areaA) : 0
  const scale: ScaleTrend = r > 0.15 ? 'approaching' : r < -0.15 ? 'receding' : 'stable'
  return { dir, speed, scale }
}

/** 1 for the same direction, .5 for a neighbouring compass bin, else 0; STAT only matches STAT. */
export function directionScore(p: Direction, g: Direction): number {
  if (p === g) return 1
  if (p === 'STAT' || g === 'STAT') return 0
  const gap = Math.abs(DIRECTIONS.indexOf(p) - DIRECTIONS.indexOf(g))
  return gap === 1 || gap === 7 ? 0.5 : 0
}

/** 1 for the same ordinal bucket, .5 one step away, else 0. */
export function ordinalScore<T extends string>(scale: readonly T[], p: T, g: T): number {
  const gap = Math.abs(scale.indexOf(p) - scale.indexOf(g))
  return gap === 0 ? 1 : gap === 1 ? 0.5 : 0
}

/** Per-part scores of a claimed motion against the truth. */
export interface MotionMatch {
  dir: number
  speed: number
  scale: number
  /** `.4·dir + .3·speed + .3·scale`, or `.4·dir + .15` for a legacy (direction-only) tag */
  score: number
}

/** Scores a motion tag against the ground truth, Motion-o's `R_obj`. */
export function motionMatch(tag: MotionTag, gt: GroundTruthMotion): MotionMatch {
  const dir = directionScore(tag.dir, gt.dir)
  if (tag.speed === undefined || tag.scale === undefined) return { dir, speed: 0, scale: 0, score: 0.4 * dir + 0.15 }
  const speed = ordinalScore(SPEEDS, tag.speed, gt.speed)
  const scale = ordinalScore(SCALES, tag.scale, gt.scale)
  return { dir, speed, scale, score: 0.4 * dir + 0.3 * speed + 0.3 * scale }
}
