import { describe, expect, it } from 'vitest'
import { scoreItem } from '../shared/testing.js'
import { thinkSpatialIouReward } from './reward.js'

const reference = {
  keyframes: [
    {
      t: 0,
      objects: [
        { name: 'car', box: [0, 0, 10, 10] },
        { name: 'dog', box: [20, 20, 30, 30] },
      ],
    },
    { t: 10, objects: [{ name: 'car', box: [50, 0, 60, 10] }] },
  ],
}
const claim = (t: number, ...boxes: string[]) =>
  `<obj>x</obj>${boxes.map((b) => `<box>${b}</box>`).join('')} at <t>${t}</t>s`
const run = (think: string, mode: 'fixed' | 'faithful' = 'fixed') =>
  scoreItem(thinkSpatialIouReward, { mode }, { response: `<think>${think}</think><answer>a</answer>`, reference })

describe('think-spatial-iou', () => {
  it.each([
    [claim(0.5, '[0,0,10,10]'), 1], // exact box, keyframe 0.5 s away
    [claim(0, '[20,20,30,30]'), 1], // the best object at the frame, whatever its name
    [claim(0, '[0,0,10,5]'), 0.5],
    [claim(0, '[0,0,10,10]', '[100,100,110,110]'), 0.5], // the mean over boxes
    [claim(0, '[0,0,10,10]') + claim(10, '[50,0,60,5]'), 0.75], // and over claims
    [claim(1.5, '[0,0,10,10]'), 0], // outside the 1 s window
  ])('%j → %d', (think, score) => {
    expect(run(think).score).toBeCloseTo(score, 12)
  })
  it('faithful mode keeps the one-sided window quirk: a keyframe far before the claim still counts', () => {
    // nearest keyframe is t = 0, 4 s before: gt_t − pred_t = −4 < 1 passes the reference's test
    expect(run(claim(4, '[0,0,10,10]'), 'faithful').score).toBe(1)
    expect(run(claim(4, '[0,0,10,10]'), 'fixed').score).toBe(0)
    // after the claim the window is the same in both modes
    expect(run(claim(8.5, '[50,0,60,10]'), 'faithful').score).toBe(0)
  })
  it('whole-image boxes gain little', () => {
    expect(run(claim(0, '[0,0,10000,10000]')).score).toBeLessThan(0.01)
  })
})
