/**
 * Runs every `@example expr //= value` in the JSDoc of coords/ and grounding/, so the examples stay true. TypeScript
 * casts (`as T`) are stripped; a value ending in `…` is a prefix of the printed number.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as coords from '../coords/index.js'

const ROOTS = [join(import.meta.dirname, '../coords'), import.meta.dirname]

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) yield* sources(p)
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) yield p
  }
}

const cases: [string, string, string][] = []
for (const root of ROOTS) {
  for (const file of sources(root)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/@example (.+?) \/\/= (.+)$/gm)) {
      cases.push([file, m[1]!, m[2]!])
    }
  }
}

const evaluate = (scope: Record<string, unknown>, expr: string): unknown =>
  new Function(...Object.keys(scope), `return (${expr.replace(/ as \w+/g, '')})`)(...Object.values(scope))

describe('JSDoc examples', () => {
  it('finds examples', () => {
    expect(cases.length).toBeGreaterThan(20)
  })
  it.each(cases.map(([f, e, v]) => [relative(process.cwd(), f), e, v]))('%s: %s', async (file, expr, expected) => {
    const mod = (await import(join(process.cwd(), file))) as Record<string, unknown>
    const actual = evaluate({ ...coords, ...mod }, expr)
    if (expected.endsWith('…')) expect(String(actual).startsWith(expected.slice(0, -1))).toBe(true)
    else expect(actual).toEqual(evaluate({}, expected))
  })
})
