/** `sightline` itself: --version, and a reader that closes the pipe early (`sightline rewards | head -1`). */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { jsonl, sightline, tempDir } from '../../test/helpers.js'

const t = tempDir()
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }

describe('sightline --version', () => {
  it.each([['--version'], ['-v']])('%s prints the package version', async (flag) => {
    expect(await sightline(t.dir, [flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' })
  })
})

// the CLI from the sources as its own process (as bin/sightline.js runs the build), its stdout closed before it
// writes anything: every write then fails with EPIPE. It runs in the repository (where tsx is found) on temp files.
const entry = t.write(
  'cli.mts',
  `import { main } from ${JSON.stringify(new URL('./main.ts', import.meta.url).href)}\nprocess.exitCode = await main(process.argv.slice(2))\n`,
)
function runClosed(args: readonly string[], closed: 'stdout' | 'stderr' = 'stdout') {
  const child = spawn(process.execPath, ['--import', 'tsx', join(t.dir, entry), ...args], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child[closed].destroy()
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr += d
  })
  return new Promise<{ code: number | null; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stderr })),
  )
}

describe('a closed stdout', () => {
  const at = (name: string, text: string) => join(t.dir, t.write(name, text))
  const spec = at('spec.yaml', 'reward: exact-match\n')
  const items = at('items.jsonl', jsonl([{ response: '<answer>a</answer>', reference: 'a' }]))
  const pairs = at('pairs.jsonl', jsonl([{ gold: '1', pred: '1' }]))
  it.each([
    ['rewards', ['rewards']],
    ['score', ['score', '--spec', spec, '--in', items, '--quiet']],
    ['math-equal', ['math-equal', '--in', pairs, '--workers', '1']],
  ])('sightline %s stops quietly with 0, no EPIPE stack', async (_name, args) => {
    const r = await runClosed(args)
    expect(r.stderr).not.toMatch(/EPIPE|Error/)
    expect(r.code).toBe(0)
  })

  // a closed stderr (`2>&1 | head -1`) loses only messages: the results still go to --out in full
  it('a closed stderr does not stop score writing --out', async () => {
    const mixed = at('mixed.jsonl', `not json\n${jsonl([{ response: '<answer>a</answer>', reference: 'a' }])}`)
    const out = join(t.dir, 'out.jsonl')
    const r = await runClosed(['score', '--spec', spec, '--in', mixed, '--out', out], 'stderr')
    expect(r.code).toBe(0)
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(2)
  })
})
