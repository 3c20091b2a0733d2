import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_CLAIMS, parseClaims, parseMotionTags } from './claims.js'

describe('parseClaims', () => {
  it.each([
    // the Motion-o grammar as the spec writes it
    ['<obj>person</obj><box>[1,2,3,4]</box>at<t>12.3</t>s', [{ name: 'person', boxes: [[1, 2, 3, 4]], t: 12.3 }]],
    // spaces between tokens, a name to normalise, two boxes for one object
    [
      '<obj> Red  Car </obj> <box>[ 1, 2, 3, 4 ]</box> <box>[5,6,7,8]</box> at <t>3</t>s',
      [
        {
          name: 'red car',
          boxes: [
            [1, 2, 3, 4],
            [5, 6, 7, 8],
          ],
          t: 3,
        },
      ],
    ],
    // no <obj>: an unnamed claim (the spatio-temporal answer form)
    ['<box>[0,0,10,10]</box> at <t>1.5</t>s', [{ name: '', boxes: [[0, 0, 10, 10]], t: 1.5 }]],
    // decimals and negative coordinates (boxes may hang off the image)
    ['<obj>a</obj><box>[-1.5,0.5,3,4]</box>at<t>0</t>s', [{ name: 'a', boxes: [[-1.5, 0.5, 3, 4]], t: 0 }]],
  ])('%j', (text, claims) => {
    expect(parseClaims(text)).toEqual(claims)
  })
  it.each([
    '<obj>a</obj><box>[1,2,3]</box>at<t>1</t>s', // three numbers
    '<obj>a</obj><box>[1,2,3,4,5]</box>at<t>1</t>s', // five
    '<obj>a</obj><box>[1,2,3,x]</box>at<t>1</t>s',
    '<obj>a</obj><box>[0x10,2,3,4]</box>at<t>1</t>s', // no hex, which Number() would take
    '<obj>a</obj><box>[1e3,2,3,4]</box>at<t>1</t>s', // no exponents
    '<obj>a</obj><box>[1,2,3,4]</box>', // no time
    '<obj>a</obj><box>[1,2,3,4]</box> at <t></t>s', // empty time
    '<obj>a</obj><box>[1,2,3,4]<box> at <t>1</t>s', // unclosed box
  ])('drops the malformed claim %j', (text) => {
    expect(parseClaims(text)).toEqual([])
  })
  it('keeps the well-formed claims around a broken one', () => {
    const text =
      '<obj>a</obj><box>[1,2,3,4]</box>at<t>1</t>s <obj>b</obj><box>[1,2]</box>at<t>2</t>s <obj>c</obj><box>[1,2,3,4]</box>at<t>3</t>s'
    expect(parseClaims(text)?.map((c) => c.name)).toEqual(['a', 'c'])
  })
  it('gives up past MAX_CLAIMS claims or 4 × MAX_CLAIMS boxes', () => {
    const one = '<obj>a</obj><box>[1,2,3,4]</box>at<t>1</t>s '
    expect(parseClaims(one.repeat(MAX_CLAIMS))).toHaveLength(MAX_CLAIMS)
    expect(parseClaims(one.repeat(MAX_CLAIMS + 1))).toBeUndefined()
    expect(parseClaims(`${'<box>[1,2,3,4]</box>'.repeat(4 * MAX_CLAIMS + 1)} at <t>1</t>s`)).toBeUndefined()
  })
  it('never throws and stays linear on adversarial text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '<obj>',
            '</obj>',
            '<box>',
            '</box>',
            '[',
            ']',
            ',',
            '1',
            'at',
            '<t>',
            '</t>',
            's',
            ' ',
          ),
        }),
        (s) => {
          const out = parseClaims(s)
          return out === undefined || out.every((c) => c.boxes.length > 0 && Number.isFinite(c.t))
        },
      ),
    )
    // a quadratic scan would take minutes on these; the bound is loose because CI cores are shared
    for (const s of ['</obj><box>'.repeat(900_000), '<box>['.repeat(1_600_000), `<box>[${'1'.repeat(10_000_000)}`]) {
      const t = performance.now()
      parseClaims(s)
      expect(performance.now() - t).toBeLessThan(5000)
    }
  })
})

describe('parseMotionTags', () => {
  it('reads full tags, attributes in any order, the last per object winning', () => {
    const tags = parseMotionTags(
      '<motion obj="person" dir="S" speed="slow" scale="receding"/> then <motion scale="stable" speed="fast" dir="ne" obj="Person"/>',
    )
    expect(tags.get('person')).toEqual({ dir: 'NE', speed: 'fast', scale: 'stable' })
  })
  it('keeps a legacy (direction-only) tag only for objects without a full one', () => {
    const tags = parseMotionTags(
      '<motion obj=\'dog\' dir=\'W\'/><motion obj="cat" dir="E" speed="slow" scale="stable"/><motion obj="cat" dir="N"/>',
    )
    expect(tags.get('dog')).toEqual({ dir: 'W' })
    expect(tags.get('cat')).toEqual({ dir: 'E', speed: 'slow', scale: 'stable' })
  })
  it.each([
    '<motion obj="a" dir="UP" speed="slow" scale="stable"/>', // unknown direction
    '<motion obj="a" dir="E" speed="warp" scale="stable"/>', // unknown speed
    '<motion obj="a" dir="E" speed="slow"/>', // half a v2 tag
    '<motion dir="E" speed="slow" scale="stable"/>', // no object
    '<motionobj="a" dir="E"/>',
  ])('ignores %j', (text) => {
    expect(parseMotionTags(text).size).toBe(0)
  })
  it('stays linear on unclosed tags', () => {
    const t = performance.now()
    expect(parseMotionTags(`${'<motion '.repeat(1_000_000)}>`).size).toBe(0)
    expect(performance.now() - t).toBeLessThan(5000)
  })
})
