/** `sightline serve` where it cannot listen: one line naming the address and exit 2, never a Node stack trace. */
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sightline, tempDir } from '../helpers.js'

const { dir } = tempDir()
let taken: Server
let port: number

beforeAll(async () => {
  taken = createServer()
  await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done))
  port = (taken.address() as { port: number }).port
})
afterAll(() => new Promise((done) => taken.close(done)))

describe('sightline serve on a taken port', () => {
  it('prints one line naming host:port and exits 2', async () => {
    const run = await sightline(dir, ['serve', '--port', String(port), '--workers', '0'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      `sightline serve: cannot listen on 127.0.0.1:${port}: the port is already in use (another server?); ` +
        'pick another --port, or 0 for a free one\n',
    )
    expect(run.stdout).toBe('')
  })

  it('names an IPv6 host in brackets', async () => {
    const v6 = createServer()
    const listening = await new Promise<boolean>((done) => {
      v6.once('error', () => done(false))
      v6.listen(0, '::1', () => done(true))
    })
    if (!listening) return // no IPv6 loopback here
    const v6port = (v6.address() as { port: number }).port
    try {
      const run = await sightline(dir, ['serve', '--host', '::1', '--port', String(v6port), '--workers', '0'])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`cannot listen on [::1]:${v6port}: the port is already in use`)
    } finally {
      await new Promise((done) => v6.close(done))
    }
  })
})
