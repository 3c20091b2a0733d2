import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RewardOutput, ScoreItem } from '../../../core/index.js'
import { GuiPointInBoxParams, guiPointInBoxReward } from './reward.js'

const GT = [400, 300, 600, 500] as const
const IMAGE = { width: 1000, height: 800 }

function run(response: string, params: Record<string, unknown> = {}, item: Partial<ScoreItem> = {}): RewardOutput {
  const full: ScoreItem = { response, reference: GT, images: [IMAGE], ...item }
  return guiPointInBoxReward.score({
    response,
    reference: full.reference,
    item: full,
    params: GuiPointInBoxParams.parse(params),
    context: { services: {} },
  }) as RewardOutput
}
const score = (response: string, params?: Record<string, unknown>, item?: Partial<ScoreItem>) =>
  run(response, params, item).score

describe('gui-point-in-box: every GUI convention, mapped to pixels of a 1000×800 screen (target [400,300,600,500])', () => {
  it.each([
    ['aguvis', 'pyautogui.click(x=0.5, y=0.5)', {}, 1], // 0-1 floats: the format fixes norm1
    ['aguvis', 'pyautogui.click(x=0.39, y=0.5)', {}, 0], // 390 px: just left of the target
    ['plain', '[500, 400]', { coordSpace: 'pixel' }, 1],
    ['plain', '(600, 500)', { coordSpace: 'pixel' }, 1], // the bottom-right corner: inclusive, as ScreenSpot
    ['plain', '(600.01, 500)', { coordSpace: 'pixel' }, 0],
    ['qwen2-vl', "click(start_box='<|box_start|>(500,500)<|box_end|>')", {}, 1], // UI-TARS v1 style, norm1000
    ['ui-tars', "click(start_box='(450,400,550,600)')", { coordSpace: 'norm1000' }, 1], // a box: its centre (500, 400)
    ['molmo', '<point x="50" y="50" alt="OK">OK</point>', {}, 1], // percent
    ['paligemma', '<loc0512><loc0512>', {}, 1], // [y, x] on the 1024 grid
    ['gemini', '{"point": [500, 500], "label": "OK"}', {}, 1], // [y, x] on 0-1000
    ['qwen-json', '{"point_2d": [500, 400]}', { coordSpace: 'pixel' }, 1], // Qwen2.5-VL, pixels of an unresized image
  ])('%s %s', (format, response, params, expected) => {
    expect(score(response, { format, ...params })).toBe(expected)
  })

  it('UI-TARS-1.5: pixels of the smart-resized screenshot (1522×1022 → 1512×1008)', () => {
    const item = { images: [{ width: 1522, height: 1022 }], reference: [1500, 1000, 1522, 1022] }
    const response = "Action: click(point='<point>1512 1008</point>')"
    expect(score(response, { format: 'ui-tars', coordSpace: 'pixel-resized' }, item)).toBe(1)
  })

  it('needs a space for formats that do not fix one', () => {
    expect(run('[500, 400]').reason).toMatchObject({ code: 'missing_input', field: 'meta.coordSpace' })
    expect(score('[500, 400]', {}, { meta: { coordSpace: 'pixel' } })).toBe(1)
  })
})

describe('gui-point-in-box: hack resistance (no higher than an honest, imperfect click)', () => {
  const honest = score('[420, 310]', { coordSpace: 'pixel' }) // off-centre, but on the element
  it.each([
    ['whole-screen box', '[0, 0, 1000, 800]'],
    ['half-screen box', '[0, 0, 1000, 450]'],
    ['spray of clicks, first one off', '[10, 10] [500, 400] [500, 401]'],
    ['degenerate box', '[500, 400, 500, 400]'],
    ['inverted box', '[600, 500, 400, 300]'],
    ['negative', '[-500, -400]'],
    ['out of the screen', '[5000, 4000]'],
    ['empty', '<answer></answer>'],
    ['copied from the prompt', 'Click the OK button at (x, y).'],
  ])('%s', (_, response) => {
    expect(honest).toBe(1)
    expect(score(response, { coordSpace: 'pixel' })).toBe(0)
  })
  it('a non-numeric Molmo coordinate is invalid, not a click at NaN', () => {
    expect(run('<point x="abc" y="50">', { format: 'molmo' })).toMatchObject({ valid: false, score: 0 })
  })
  it('reasons say what happened', () => {
    expect(run('[0, 0, 1000, 800]', { coordSpace: 'pixel' }).reason.code).toBe('suspected_hack')
    expect(run('[500, 400, 510, 410]', { coordSpace: 'pixel', boxes: 'reject' }).reason.code).toBe('unparseable_answer')
    expect(run('[10, 10]', { coordSpace: 'pixel' }).reason.code).toBe('wrong_answer')
  })
})

describe('gui-point-in-box: properties', () => {
  it('in pixel space, the score is exactly the inclusive hit test', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 1100 }), fc.integer({ min: -100, max: 900 }), (x, y) => {
        const inside = x >= 400 && x <= 600 && y >= 300 && y <= 500
        expect(score(`[${x}, ${y}]`, { coordSpace: 'pixel' })).toBe(inside ? 1 : 0)
      }),
    )
  })
  it('norm1 and norm1000 answers of the same click agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (u, v) => {
        const a = score(`[${u / 1000}, ${v / 1000}]`, { coordSpace: 'norm1' })
        const b = score(`[${u}, ${v}]`, { coordSpace: 'norm1000' })
        expect(a).toBe(b)
      }),
    )
  })
})
