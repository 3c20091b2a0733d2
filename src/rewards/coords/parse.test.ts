import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { COORD_FORMATS, type CoordFormat, detectFormat, parseBoxes, parsePoints, parseShapes } from './parse.js'

const shapes = (text: string, format: CoordFormat) =>
  parseShapes(text, format).map((s) => (s.label === undefined ? [s.kind, s.coords] : [s.kind, s.coords, s.label]))

// One case per convention of protocols.md §E, written as the model (or its docs) writes it.
describe('parseShapes reads every convention', () => {
  it.each([
    [
      'qwen2-vl',
      '<|object_ref_start|>the cat<|object_ref_end|><|box_start|>(10,20),(30,40)<|box_end|>',
      [['box', [10, 20, 30, 40], 'the cat']],
    ],
    // Qwen-VL v1 uses <ref>/<box>; the name before a later box must not leak onto it
    [
      'qwen2-vl',
      '<ref>a</ref><box>(1,2),(3,4)</box> then <box>(5,6),(7,8)</box>',
      [
        ['box', [1, 2, 3, 4], 'a'],
        ['box', [5, 6, 7, 8]],
      ],
    ],
    ['qwen2-vl', 'click <|box_start|>(500,300)<|box_end|>', [['point', [500, 300]]]], // UI-TARS v1 / OS-Atlas point
    [
      'qwen-json',
      '```json\n[\n  {"bbox_2d": [1, 2, 3, 4], "label": "cat"},\n  {"label": "dog", "bbox_2d": [5, 6, 7, 8]}\n]\n```',
      [
        ['box', [1, 2, 3, 4], 'cat'],
        ['box', [5, 6, 7, 8], 'dog'],
      ],
    ],
    // truncated mid-list: the complete objects survive, the cut one is dropped
    ['qwen-json', '[{"bbox_2d": [1, 2, 3, 4], "label": "a"}, {"bbox_2d": [5, 6', [['box', [1, 2, 3, 4], 'a']]],
    ['qwen-json', "[{'point_2d': [10, 20], 'label': 'btn'}]", [['point', [10, 20], 'btn']]], // a Python repr
    ['qwen-json', '{"bbox_2d": [1, 2, 3]}', []], // three numbers are not a box
    [
      'internvl',
      '<ref>dog</ref><box>[[1,2,3,4],[5,6,7,8]]</box>',
      [
        ['box', [1, 2, 3, 4], 'dog'],
        ['box', [5, 6, 7, 8], 'dog'],
      ],
    ],
    ['internvl', '<|ref|>car<|/ref|><|det|>[[10,20,30,40]]<|/det|>', [['box', [10, 20, 30, 40], 'car']]], // DeepSeek-VL2
    [
      'paligemma',
      '<loc0100><loc0200><loc0300><loc0400> cat ; <loc0001><loc0002><loc0003><loc0004> dog',
      [
        ['box', [100, 200, 300, 400], 'cat'],
        ['box', [1, 2, 3, 4], 'dog'],
      ],
    ],
    ['paligemma', '<loc0512><loc0256>', [['point', [512, 256]]]], // a point is [y, x]
    ['paligemma', '<loc0100><loc0200><loc0300> three tokens', []],
    ['paligemma', '<loc100><loc0200><loc0300><loc0400>', []], // PaliGemma tokens have exactly 4 digits
    [
      'florence2',
      'car<loc_1><loc_2><loc_3><loc_4>dog<loc_10><loc_20><loc_30><loc_40>',
      [
        ['box', [1, 2, 3, 4], 'car'],
        ['box', [10, 20, 30, 40], 'dog'],
      ],
    ],
    [
      'florence2',
      'sign<loc_10><loc_20><loc_50><loc_22><loc_48><loc_60><loc_12><loc_58>',
      [['box', [10, 20, 50, 60], 'sign']],
    ], // OCR quad
    [
      'molmo',
      '<point x="61.5" y="40.6" alt="cup">cup</point> <points x1="1" y1="2" x2="3" y2="4" alt="eyes">eyes</points>',
      [
        ['point', [61.5, 40.6], 'cup'],
        ['point', [1, 2], 'eyes'],
        ['point', [3, 4], 'eyes'],
      ],
    ],
    ['glm', 'It is <|begin_of_box|>[100,200,300,400]<|end_of_box|>.', [['box', [100, 200, 300, 400]]]],
    [
      'ui-tars',
      "Action: drag(start_box='(1,2,3,4)', end_box='<|box_start|>(5,6)<|box_end|>')",
      [
        ['box', [1, 2, 3, 4], 'start_box'],
        ['point', [5, 6], 'end_box'],
      ],
    ],
    ['ui-tars', "Action: click(point='<point>712 388</point>')", [['point', [712, 388], 'point']]], // UI-TARS-1.5
    ['aguvis', 'pyautogui.click(x=0.23, y=0.61)', [['point', [0.23, 0.61], 'click']]],
    ['aguvis', 'pyautogui.moveTo(0.5, 0.25)', [['point', [0.5, 0.25], 'moveTo']]],
    ['aguvis', 'x=0.1, y=0.2', [['point', [0.1, 0.2]]]], // VLMEvalKit's bare ScreenSpot form
    [
      'gemini',
      '```json\n[{"box_2d": [100, 200, 300, 400], "label": "mug"}]\n```',
      [['box', [100, 200, 300, 400], 'mug']],
    ],
    ['gemini', '[{"point": [500, 250], "label": "door"}]', [['point', [500, 250], 'door']]],
    [
      'plain',
      'box [10, 20, 30.5, 40], corners (1,2),(3,4), point (5,6) and [7,8], nested [[1,2,3,4]]',
      [
        ['box', [10, 20, 30.5, 40]],
        ['box', [1, 2, 3, 4]],
        ['point', [5, 6]],
        ['point', [7, 8]],
        ['box', [1, 2, 3, 4]],
      ],
    ],
    ['plain', '[-5, 2.5e1, .5, 7.]', [['box', [-5, 25, 0.5, 7]]]], // signs, exponents, bare decimals as Python floats
    ['plain', '[1, 2, 3, 4, 5] [a, 1, 2, 3] [1,,2,3,4]', []], // wrong counts, words and empty fields are not boxes
  ] as const)('%s: %j', (format, text, expected) => {
    expect(shapes(text, format)).toEqual(expected)
  })
})

describe('parseBoxes and parsePoints split by kind', () => {
  it('keeps text order within each kind', () => {
    const text = '(1,2) [3,4,5,6] (7,8) [9,10,11,12]'
    expect(parseBoxes(text, 'plain').map((b) => b.coords)).toEqual([
      [3, 4, 5, 6],
      [9, 10, 11, 12],
    ])
    expect(parsePoints(text, 'plain').map((p) => p.coords)).toEqual([
      [1, 2],
      [7, 8],
    ])
  })
  it('a point before the first box does not use up max: 1 (nor a box before the first point)', () => {
    expect(parseBoxes('(1,2) then [3,4,5,6]', 'plain', { max: 1 }).map((b) => b.coords)).toEqual([[3, 4, 5, 6]])
    expect(parsePoints('[3,4,5,6] then (1,2)', 'plain', { max: 1 }).map((p) => p.coords)).toEqual([[1, 2]])
  })
  it('stops at max shapes', () => {
    expect(parseBoxes('[1,2,3,4]'.repeat(1000), 'plain', { max: 5 })).toHaveLength(5)
    expect(parseBoxes('[1,2,3,4]'.repeat(1000), 'plain')).toHaveLength(256)
  })
})

describe('detectFormat (auto, evaluation only)', () => {
  it.each([
    ['[{"bbox_2d": [1,2,3,4]}]', 'qwen-json'],
    ['{"box_2d": [1,2,3,4]}', 'gemini'],
    ['<loc0001><loc0002><loc0003><loc0004>', 'paligemma'],
    ['a<loc_1><loc_2><loc_3><loc_4>', 'florence2'],
    ['<point x="1" y="2">', 'molmo'],
    ["click(start_box='(1,2)')", 'ui-tars'],
    ['pyautogui.click(x=0.1, y=0.2)', 'aguvis'],
    ['<|begin_of_box|>[1,2,3,4]<|end_of_box|>', 'glm'],
    ['<|box_start|>(1,2),(3,4)<|box_end|>', 'qwen2-vl'],
    ['<box>[[1,2,3,4]]</box>', 'internvl'],
    ['[1,2,3,4]', 'plain'],
  ] as const)('%s → %s', (text, format) => {
    expect(detectFormat(text)).toBe(format)
    expect(parseShapes(text, 'auto')).toEqual(parseShapes(text, format))
  })
})

// Formatters that write a box the way each convention does; parsing must give the numbers back.
const WRITERS: Partial<Record<CoordFormat, (b: readonly number[]) => string>> = {
  plain: (b) => `The answer is [${b.join(', ')}].`,
  'qwen2-vl': (b) => `<|box_start|>(${b[0]},${b[1]}),(${b[2]},${b[3]})<|box_end|>`,
  'qwen-json': (b) => '```json\n' + JSON.stringify([{ bbox_2d: b, label: 'x' }]) + '\n```',
  internvl: (b) => `<ref>x</ref><box>[[${b.join(', ')}]]</box>`,
  paligemma: (b) => b.map((v) => `<loc${String(v).padStart(4, '0')}>`).join('') + ' x',
  florence2: (b) => `x${b.map((v) => `<loc_${v}>`).join('')}`,
  glm: (b) => `<|begin_of_box|>[${b.join(',')}]<|end_of_box|>`,
  gemini: (b) => JSON.stringify({ box_2d: b, label: 'x' }),
}

describe('properties', () => {
  const box = fc.tuple(...Array.from({ length: 4 }, () => fc.integer({ min: 0, max: 999 })))
  it.each(Object.keys(WRITERS) as CoordFormat[])('%s round-trips the numbers it writes', (format) => {
    fc.assert(
      fc.property(box, (b) => {
        expect(parseBoxes(WRITERS[format]!(b), format).map((s) => s.coords)).toEqual([b])
      }),
    )
  })

  it('never throws on arbitrary text, in any format', () => {
    const soup = fc
      .array(
        fc.constantFrom(
          '[',
          ']',
          '(',
          ')',
          ',',
          '1',
          '-',
          '.',
          'e',
          '<loc',
          '0123>',
          '<loc_',
          '>',
          '"bbox_2d"',
          ':',
          "'",
          '"',
          '<point x="',
          '<|box_start|>',
          '<|box_end|>',
          '<box>',
          '</box>',
          'pyautogui.click(',
          'x=',
          'y=',
          "start_box='",
          ' ',
          '\n',
          '{',
          '}',
        ),
        { maxLength: 40 },
      )
      .map((p) => p.join(''))
    fc.assert(
      fc.property(soup, fc.constantFrom(...COORD_FORMATS), (text, format) => {
        for (const s of parseShapes(text, format)) expect(s.coords.length === 4 || s.coords.length === 2).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('adversarial input stays linear', () => {
  const big = 1 << 20
  it.each([
    ['1 MB of "["', '['.repeat(big)],
    ['1 MB of "(1,"', '(1,'.repeat(big / 3)],
    ['1 MB of digits', '1'.repeat(big)],
    ['1 MB of "[1,2,3"', '[1,2,3'.repeat(big / 6)],
    ['1 MB of <loc', '<loc'.repeat(big / 4)],
    ['1 MB of <loc_1>', '<loc_1>'.repeat(big / 7)],
    ['1 MB of <point', '<point x="1" '.repeat(big / 13)],
    ['1 MB of bbox_2d keys', '"bbox_2d": ['.repeat(big / 12)],
    ['1 MB of box opens', '<|box_start|>'.repeat(big / 13)],
    ["1 MB of start_box='", "start_box='".repeat(big / 11)],
    ['1 MB of pyautogui calls', 'pyautogui.click('.repeat(big / 16)],
  ])('%s', (_, text) => {
    for (const format of COORD_FORMATS) {
      const t = performance.now()
      parseShapes(text, format)
      expect(performance.now() - t, format).toBeLessThan(1000)
    }
  })
})
