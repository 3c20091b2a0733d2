import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SPEEDS } from './claims.js'
import { directionScore, groundTruthMotion, motionMatch, ordinalScore } from './motion.js'

const box = (cx: number, cy: number, side = 10) => [cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2] as const

describe('groundTruthMotion', () => {
  it.each([
    [box(0, 0), box(100, 0), 'E'],
    [box(0, 0), box(0, -100), 'N'], // image y points down: moving up is north
    [box(0, 0), box(0, 100), 'S'],
    [box(0, 0), box(-100, 0), 'W'],
    [box(0, 0), box(100, -100), 'NE'],
    [box(0, 0), box(-100, 100), 'SW'],
    [box(0, 0), box(100, 100 * Math.tan(Math.PI / 6)), 'SE'], // −30°: floored into SE, not truncated into E
    [box(0, 0), box(100, 100 * Math.tan((20 * Math.PI) / 180)), 'E'], // −20° is still E
    [box(0, 0), box(2, 2), 'STAT'], // |d| 2.8 < 3 px
    [box(0, 0, 1000), box(20, 0, 1000), 'STAT'], // 20 px < .02 × 1414 px diagonal
  ] as const)('%j → %j is %s', (a, b, dir) => {
    expect(groundTruthMotion(a, b, 1).dir).toBe(dir)
  })
  it.each([
    // 10 px boxes: diagonal 14.14; v = |d|/dt/diag
    [2, 10, 'stationary'], // .014
    [10, 10, 'slow'], // .071
    [30, 10, 'moderate'], // .21
    [100, 2, 'fast'],
  ])('a %d px shift in %d s is %s', (dx, dt, speed) => {
    expect(groundTruthMotion(box(0, 0), box(dx, 0), dt).speed).toBe(speed)
  })
  it.each([
    [10, 10, 'stable'],
    [10, 12, 'approaching'], // ln(1.44) = .36
    [12, 10, 'receding'],
    [10, 10.5, 'stable'], // ln(1.1025) = .098
  ])('side %d → %d is %s', (a, b, scale) => {
    expect(groundTruthMotion(box(0, 0, a), box(0, 0, b), 1).scale).toBe(scale)
  })
})

/** A 100 px shift at `deg` degrees (counter-clockwise from east, image y pointing down). */
const toward = (deg: number) =>
  box(100 * Math.cos((deg * Math.PI) / 180), -100 * Math.sin((deg * Math.PI) / 180)) as readonly [
    number,
    number,
    number,
    number,
  ]
const DIRS = ['E', 'NE', 'N', 'NW', 'W', 'SW', 'S', 'SE'] as const

describe('groundTruthMotion direction modes', () => {
  it.each([
    // [angle°, fixed (floor: the 45° sector around each point), faithful (Python int() on the raw atan2 angle)]
    [-30, 'SE', 'E'], // the audit's case
    [-90, 'S', 'SE'], // the audit's case
    [-100, 'S', 'SE'],
    [-135, 'SW', 'S'],
    [-170, 'W', 'SW'],
    [-20, 'E', 'E'], // above −22.5° the two agree
    [0, 'E', 'E'],
    [30, 'NE', 'NE'],
    [90, 'N', 'N'],
    [170, 'W', 'W'],
    [180, 'W', 'W'],
  ] as const)('%d° → fixed %s, faithful %s', (deg, fixed, faithful) => {
    expect(groundTruthMotion(box(0, 0), toward(deg), 1).dir).toBe(fixed)
    expect(groundTruthMotion(box(0, 0), toward(deg), 1, 'fixed').dir).toBe(fixed)
    expect(groundTruthMotion(box(0, 0), toward(deg), 1, 'faithful').dir).toBe(faithful)
  })
  it('faithful is one bin counter-clockwise of fixed below −22.5°, the same elsewhere (bin edges aside)', () => {
    const angle = fc.double({ min: -179.9, max: 180, noNaN: true }).filter((d) => {
      const edge = (d + 22.5) / 45
      return Math.abs(edge - Math.round(edge)) > 1e-6
    })
    fc.assert(
      fc.property(angle, (deg) => {
        const fixed = DIRS.indexOf(groundTruthMotion(box(0, 0), toward(deg), 1).dir as 'E')
        const faithful = DIRS.indexOf(groundTruthMotion(box(0, 0), toward(deg), 1, 'faithful').dir as 'E')
        const geometric = (Math.round(deg / 45) + 8) % 8 // the compass point nearest the angle
        return fixed === geometric && faithful === (deg < -22.5 ? (fixed + 1) % 8 : fixed)
      }),
    )
  })
})

describe('motion scores', () => {
  it.each([
    ['E', 'E', 1],
    ['E', 'NE', 0.5],
    ['E', 'SE', 0.5], // the compass wraps
    ['E', 'N', 0],
    ['STAT', 'E', 0], // STAT only matches STAT
    ['STAT', 'STAT', 1],
  ] as const)('direction %s vs %s → %d', (p, g, v) => {
    expect(directionScore(p, g)).toBe(v)
  })
  it('scores ordinal neighbours .5 and is symmetric', () => {
    expect(ordinalScore(SPEEDS, 'slow', 'moderate')).toBe(0.5)
    expect(ordinalScore(SPEEDS, 'slow', 'fast')).toBe(0)
    const s = fc.constantFrom(...SPEEDS)
    fc.assert(fc.property(s, s, (a, b) => ordinalScore(SPEEDS, a, b) === ordinalScore(SPEEDS, b, a)))
  })
  it('weighs direction .4, speed .3, scale .3; a legacy tag .4·dir + .15', () => {
    const gt = { dir: 'E', speed: 'fast', scale: 'stable' } as const
    expect(motionMatch({ dir: 'E', speed: 'fast', scale: 'stable' }, gt).score).toBeCloseTo(1, 12)
    expect(motionMatch({ dir: 'NE', speed: 'moderate', scale: 'approaching' }, gt).score).toBeCloseTo(0.5, 12)
    expect(motionMatch({ dir: 'E' }, gt).score).toBeCloseTo(0.55, 12)
  })
})
