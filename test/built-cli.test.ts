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

  // with workers, the main thread reads, hands out and writes; loading the rewards, the spec compiler, zod and
  // yaml there as well cost ≈0.15 s before the workers could start (pool.ts `inThisThread`)
  it('leaves the rewards, the spec compiler, zod and yaml to its workers', () => {
    const input = join(tmp.dir, tmp.write('few.jsonl', '{"response":"<answer>4</answer>","reference":"4"}\n'))
    const spec = join(tmp.dir, tmp.write('few.yaml', 'reward: numeric\n'))
    // a resolve hook that lists every module this process resolves (the workers' bundle resolves none of these)
    tmp.write(
      'hooks.mjs',
      `import { appendFileSync } from 'node:fs'
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  appendFileSync(process.env.SIGHTLINE_TEST_LOADED, resolved.url + '\\n')
  return resolved
}
`,
    )
    const hook = tmp.write(
      'hook.mjs',
      "import { register } from 'node:module'\nregister('./hooks.mjs', import.meta.url)\n",
    )
    const loaded = (workers: string): string[] => {
      const list = join(tmp.dir, `loaded-${workers}.txt`)
      const args = ['score', '--spec', spec, '--in', input, '--out', join(tmp.dir, 'few-out.jsonl'), '--quiet']
      const run = spawnSync(
        process.execPath,
        ['--import', join(tmp.dir, hook), 'bin/sightline.js', ...args, '--workers', workers],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, SIGHTLINE_TEST_LOADED: list },
        },
      )
      expect(run.status, run.stderr).toBe(0)
      return readFileSync(list, 'utf8').split('\n')
    }
    const heavy = (urls: string[]) =>
      urls.filter((u) => /\/node_modules\/(zod|yaml)\/|\/dist\/(rewards|spec)\//.test(u)).length
    expect(heavy(loaded('0'))).toBeGreaterThan(0) // in-process it needs them: the hook sees them
    expect(heavy(loaded('2'))).toBe(0)
  }, 60_000)
})
