/**
 * Runs the Python client's unittest suite (clients/python/tests) against a real server on an ephemeral
 * loopback port, so `npm test` covers the verl, TRL, EasyR1 and OpenRLHF shims end to end.
 */
import { spawn, spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { testRegistry } from '../../src/server/fixtures/app.js'
import { listen, type RunningServer } from '../../src/server/node.js'

const SPEC = `
route:
  cases:
    count: number
    answer: exact
  default: { reward: exact, name: fallback }
`
const hasPython = spawnSync('python3', ['--version']).status === 0

describe.skipIf(!hasPython)('python client (python3 -m unittest)', () => {
  let server: RunningServer
  beforeAll(async () => {
    const app = createApp({ registry: testRegistry, specText: SPEC, processMetrics: false })
    server = await listen(app, { port: 0 })
  })
  afterAll(() => server?.close())

  it('passes against a live server', async () => {
    const child = spawn('python3', ['-m', 'unittest', 'discover', '-s', 'tests', '-v'], {
      cwd: 'clients/python',
      env: { ...process.env, SIGHTLINE_URL: server.url, PYTHONDONTWRITEBYTECODE: '1' },
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const code = await new Promise<number | null>((done) => child.on('close', done))
    expect(output).not.toMatch(/skipped/)
    expect({ code, output }).toMatchObject({ code: 0 })
    expect(output).toMatch(/Ran (\d{2,}) tests/)
    expect(output).toMatch(/\nOK\s*$/)
  }, 120_000)
})
