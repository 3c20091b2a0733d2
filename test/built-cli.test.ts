/**
 * The built CLI as users run it (`node bin/sightline.js`, from dist/), on worker threads: its workers start from
 * the bundle scripts/bundle-worker.mjs makes, and must score exactly what the sources score in this thread. CI
 * builds before testing (scripts/setup.sh); without a build this file fails under CI and is skipped elsewhere
 * (after changing sources, `npm run build` again: it compares the build with them).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ScoreResult } from '../src/core/index.js'
import { defaultRegistry } from '../src/rewards/packs.js'
import { compileSpec, parseSpecText, scoreItem } from '../src/spec/index.js'
import { BENCH_SPEC, benchRollouts } from './fixtures/mixed-rollouts.js'
import { tempDir } from './helpers.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BUILT = existsSync(join(ROOT, 'dist/cli/main.js'))
if (!BUILT && process.env.CI) throw new Error('dist/ is missing: CI must run `npm run build` before the tests')

describe.skipIf(!BUILT)('the built CLI', () => {
  it('ships the bundled worker', () => {
    expect(existsSync(join(ROOT, 'dist/bundle/pool-worker.js'))).toBe(true)
  })

  const tmp = tempDir()
  it('scores on bundled workers exactly what the sources score in-process', () => {
    const items = benchRollouts(3000, 9)
    const input = join(tmp.dir, tmp.write('in.jsonl', items.map((i) => `${JSON.stringify(i)}\n`).join('')))
    const spec = join(tmp.dir, tmp.write('spec.yaml', BENCH_SPEC))
    const out = join(tmp.dir, 'out.jsonl')
    const run = spawnSync(
      process.execPath,
      ['bin/sightline.js', 'score', '--spec', spec, '--in', input, '--out', out, '--workers', '2', '--quiet'],
      { cwd: ROOT, encoding: 'utf8' },
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const compiled = compileSpec(parseSpecText(BENCH_SPEC, 'spec.yaml'), defaultRegistry())
    const expected = items.map((item, i) => JSON.stringify(scoreItem(compiled, item, i) as ScoreResult))
    expect(readFileSync(out, 'utf8')).toBe(`${expected.join('\n')}\n`)
  }, 60_000)

  it('starts its workers under node options they refuse (V8 heap flags), which reach them anyway', () => {
    const input = join(tmp.dir, tmp.write('one.jsonl', '{"response":"<answer>4</answer>","reference":"4"}\n'))
    const out = join(tmp.dir, 'one-out.jsonl')
    const spec = join(tmp.dir, tmp.write('numeric.yaml', 'reward: numeric\n'))
    const flags = ['--max-old-space-size=1024', '--max-semi-space-size=16', '--no-warnings']
    const run = spawnSync(
      process.execPath,
      [...flags, 'bin/sightline.js', 'score', '--spec', spec, '--in', input, '--out', out, '--workers', '2', '--quiet'],
      { cwd: ROOT, encoding: 'utf8' },
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('"score":1')
  }, 60_000)
})
