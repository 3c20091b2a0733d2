/**
 * What a web page the operator visits can do to a server on loopback, over a real socket: post a form or
 * text/plain body without a preflight (refused: bodies must be application/json), rebind its own name to
 * 127.0.0.1 (refused without a token: Host must be a loopback name), read /api or the store. And the bearer
 * scheme, which RFC 7235 makes case-insensitive.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppOptions, createApp } from '../../src/server/app.js'
import { testRegistry } from '../../src/server/fixtures/app.js'
import { listen, type RunningServer } from '../../src/server/node.js'
import { openStore, type SqliteStore } from '../../src/store/index.js'

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: { error?: { code: string; message: string } } & Record<string, unknown>
}

/** One request with exactly these headers (fetch would not send a foreign Host). */
function send(url: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers })
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text || '{}') }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

const SCORE = JSON.stringify({ spec: 'exact', items: [{ response: 'hello', reference: 'hello' }] })
const JSON_TYPE = { 'content-type': 'application/json' }
const dir = mkdtempSync(join(tmpdir(), 'sightline-security-'))
const servers: RunningServer[] = []
let store: SqliteStore

async function serve(options: Partial<AppOptions> = {}): Promise<RunningServer> {
  const app = createApp({ registry: testRegistry, processMetrics: false, log: () => {}, ...options })
  const server = await listen(app, { port: 0, graceMs: 100 })
  servers.push(server)
  return server
}

beforeAll(() => {
  store = openStore(join(dir, 'db.sqlite'))
})
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('a server without a token (loopback mode)', () => {
  let url: string
  let port: number
  beforeAll(async () => {
    const server = await serve({ inspector: { store, defaultRun: 'live' } })
    url = server.url
    port = server.port
  })

  it('refuses the audit repro: a rebound page posting text/plain from a foreign Host', async () => {
    const res = await send(
      url,
      'POST',
      '/v1/score',
      { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}`, 'content-type': 'text/plain' },
      SCORE,
    )
    expect(res.status).toBe(403)
    expect(res.body.error?.code).toBe('bad_host')
    expect(res.body.error?.message).toContain('attacker.example')
    expect((await store.listRuns()).map((r) => r.name)).not.toContain('live') // nothing was logged
  })

  it.each([
    ['a foreign Host', `attacker.example`],
    ['a foreign Host with a port', `attacker.example:1234`],
    ['a name that only starts like localhost', 'localhost.attacker.example'],
    ['a public address', '93.184.216.34'],
  ])('refuses reads from %s (GET /api, /v1/rewards)', async (_, host) => {
    for (const path of ['/api/runs', '/v1/rewards', '/openapi.json']) {
      const res = await send(url, 'GET', path, { host })
      expect(res.status, path).toBe(403)
      expect(res.body.error?.code).toBe('bad_host')
    }
  })

  it.each(['localhost', 'LOCALHOST:8787', 'app.localhost:1', '127.0.0.1', '127.1.2.3:80', '[::1]:9'])(
    'answers a loopback Host: %s',
    async (host) => {
      const res = await send(url, 'POST', '/v1/score', { host, ...JSON_TYPE }, SCORE)
      expect(res.status).toBe(200)
      expect((await send(url, 'GET', '/api/runs', { host })).status).toBe(200)
    },
  )

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['no Content-Type', {}],
    ['a lookalike', { 'content-type': 'application/jsonx' }],
  ])('refuses a body sent as %s with 415, on every POST route', async (_, type: Record<string, string>) => {
    for (const path of ['/v1/score', '/get_reward', '/v1/fine_tuning/alpha/graders/validate', '/api/runs/1/rescore']) {
      const res = await send(url, 'POST', path, { host: `127.0.0.1:${port}`, ...type }, SCORE)
      expect(res.status, path).toBe(415)
      expect(res.body.error?.code).toBe('unsupported_media_type')
    }
  })

  it('takes application/json with parameters, in any case', async () => {
    for (const type of ['application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])
      expect((await send(url, 'POST', '/v1/score', { 'content-type': type }, SCORE)).status).toBe(200)
  })

  it('grants no CORS preflight', async () => {
    const res = await send(url, 'OPTIONS', '/v1/score', {
      origin: 'http://attacker.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.headers['access-control-allow-headers']).toBeUndefined()
  })
})

describe('a server with a token, or --insecure', () => {
  it('does not check Host with a token: the token is the defence', async () => {
    const { url } = await serve({ token: 'sekret' })
    const host = { host: 'reward-server.internal:8787', ...JSON_TYPE }
    expect((await send(url, 'POST', '/v1/score', { ...host, authorization: 'Bearer sekret' }, SCORE)).status).toBe(200)
    expect((await send(url, 'POST', '/v1/score', host, SCORE)).status).toBe(401)
    const plain = await send(url, 'POST', '/v1/score', { authorization: 'Bearer sekret' }, SCORE)
    expect(plain.status).toBe(415) // the media type is still checked
  })

  it('does not check Host when the operator opted out (hostCheck: false, as --insecure does)', async () => {
    const { url } = await serve({ hostCheck: false })
    const res = await send(url, 'POST', '/v1/score', { host: 'gpu-node-7:8787', ...JSON_TYPE }, SCORE)
    expect(res.status).toBe(200)
  })
})

describe('bearer auth', () => {
  let url: string
  beforeAll(async () => {
    url = (await serve({ token: 'sekret' })).url
  })

  it.each(['Bearer sekret', 'bearer sekret', 'BEARER sekret', 'bEaReR  sekret'])(
    'takes the scheme in any case: %s',
    async (authorization) => {
      expect((await send(url, 'POST', '/v1/score', { authorization, ...JSON_TYPE }, SCORE)).status).toBe(200)
      expect((await send(url, 'GET', '/v1/rewards', { authorization })).status).toBe(200)
    },
  )

  it.each(['Bearer SEKRET', 'Bearer sekret2', 'Bearersekret', 'Basic c2VrcmV0', 'sekret', ''])(
    'refuses a wrong token or scheme: %j',
    async (authorization) => {
      const res = await send(url, 'GET', '/v1/rewards', { authorization })
      expect(res.status).toBe(401)
      expect(res.headers['www-authenticate']).toBe('Bearer')
    },
  )
})
