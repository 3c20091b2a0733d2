import type { BoxXYXY } from '../../geometry/box.js'
import { iou } from '../../geometry/iou.js'
import type { Mode } from '../../shared/params.js'
import type { ClaimGroup, MotionTag } from '../shared/claims.js'
import { groundTruthMotion, type MotionMatch, motionMatch } from '../shared/motion.js'
import { nearestKeyframe, type VideoReference } from '../shared/video-reference.js'

/** A claim matches the nearest ground-truth keyframe within this many seconds. */
export const MATCH_WINDOW_S = 2

export interface TrajectoryDetail {
  score: number
  /** claims that matched a same-named ground-truth object */
  matched: number
  /** objects matched on at least two keyframes, with their scores */
  objects: Map<string, MotionMatch>
}

/**
 * Motion-o's trajectory reward. Each claim takes the nearest ground-truth keyframe within 2 s and counts when that
 * frame has an object of the same normalised name (the claimed box picks among several). For every object
 * matched on at least two keyframes, its ground-truth motion comes from the boxes at the first and last of them
 * (`groundTruthMotion`), and `R_obj = .4·dir + .3·speed + .3·scale` against the object's motion tag (`.4·dir + .15`
 * for a legacy tag, 0 with none). The reward is the mean `R_obj`; with no such object it is .1 when at least two
 * claims matched, else 0. (Motion-o also gives 0 to tasks outside temporal-spatial and general video QA: route
 * those tasks elsewhere in the spec.) `mode: 'faithful'` buckets directions as the reference's `int()` does (see
 * `groundTruthMotion`: below −22.5° one bin counter-clockwise of the true sector).
 * @see rewards.md §6d; ostadabbas/Motion-o `training/motion_reward_v3.py`
 * @example
 * const ref = readVideoReference({ keyframes: [
 *   { t: 0, objects: [{ name: 'car', box: [0, 0, 10, 10] }] }, { t: 2, objects: [{ name: 'car', box: [100, 0, 110, 10] }] }] })
 * const think = '<obj>car</obj><box>[0,0,10,10]</box>at<t>0</t>s <obj>car</obj><box>[100,0,110,10]</box>at<t>2</t>s'
 * trajectoryScore(parseClaims(think), new Map([['car', { dir: 'E', speed: 'fast', scale: 'stable' }]]), ref).score //= 1
 */
export function trajectoryScore(
  claims: readonly ClaimGroup[],
  tags: ReadonlyMap<string, MotionTag>,
  ref: VideoReference,
  mode: Mode = 'fixed',
): TrajectoryDetail {
  // per object: the keyframe index and ground-truth box of each match, by keyframe
  const byObject = new Map<string, Map<number, BoxXYXY>>()
  let matched = 0
  for (const c of claims) {
    if (c.name === '') continue
    const k = nearestKeyframe(ref.times, c.t, MATCH_WINDOW_S)
    if (k === -1) continue
    const box = bestSameName(ref.keyframes[k]?.objects ?? [], c)
    if (!box) continue
    matched++
    const frames = byObject.get(c.name) ?? new Map<number, BoxXYXY>()
    byObject.set(c.name, frames)
    if (!frames.has(k)) frames.set(k, box)
  }
  const objects = new Map<string, MotionMatch>()
  let sum = 0
  for (const [name, frames] of byObject) {
    if (frames.size < 2) continue
    const ks = [...frames.keys()]
    const first = Math.min(...ks)
    const last = Math.max(...ks)
    const dt = (ref.times[last] as number) - (ref.times[first] as number)
    const gt = groundTruthMotion(frames.get(first) as BoxXYXY, frames.get(last) as BoxXYXY, dt, mode)
    const tag = tags.get(name)
    const m = tag ? motionMatch(tag, gt) : { dir: 0, speed: 0, scale: 0, score: 0 }
    objects.set(name, m)
    sum += m.score
  }
  const score = objects.size > 0 ? sum / objects.size : matched >= 2 ? 0.1 : 0
  return { score, matched, objects }
}

/** The box of the same-named object at a keyframe that best overlaps one of the claimed boxes. */
function bestSameName(objects: readonly { name: string; box: BoxXYXY }[], c: ClaimGroup): BoxXYXY | undefined {
  let best: BoxXYXY | undefined
  let bestIou = -1
  for (const o of objects) {
    if (o.name !== c.name) continue
    let v = 0
    for (const b of c.boxes) v = Math.max(v, iou(b, o.box))
    if (v > bestIou) {
      bestIou = v
      best = o.box
    }
  }
  return best
}
