/** /openapi.json as a running server serves it: the package's version, every refusal documented, auth applied. */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { type AppOptions, createApp } from '../../src/server/app.js'
import { testRegistry } from '../../src/server/fixtures/app.js'
import { listen, type RunningServer } from '../../src/server/node.js'

interface Operation {
  security?: Record<string, string[]>[]
  responses: Record<string, { description: string }>
}
interface Document {
  info: { version: string }
  components?: { securitySchemes?: Record<string, unknown> }
  paths: Record<string, Record<string, Operation>>
}

const servers: RunningServer[] = []
afterAll(() => Promise.all(servers.map((s) => s.close())))

async function document(options: Partial<AppOptions> = {}, headers: Record<string, string> = {}): Promise<Document> {
  const server = await listen(createApp({ registry: testRegistry, processMetrics: false, ...options }), { port: 0 })
  servers.push(server)
  const res = await fetch(`${server.url}/openapi.json`, { headers })
  expect(res.status).toBe(200)
  return (await res.json()) as Document
}

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.values(ops).map((op) => [path, op] as const))

describe('/openapi.json', () => {
  it("gives the package's version", async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect((await document()).info.version).toBe(version)
  })

  it('documents the 403 image_not_allowed of the scoring routes, and 415 for non-JSON bodies', async () => {
    const doc = await document()
    for (const path of ['/v1/score', '/get_reward']) {
      expect(doc.paths[path]?.post?.responses[403]?.description).toContain('image_not_allowed')
      expect(doc.paths[path]?.post?.responses[415]?.description).toContain('unsupported_media_type')
    }
    expect(doc.paths['/v1/fine_tuning/alpha/graders/validate']?.post?.responses[403]?.description).not.toContain(
      'image_not_allowed',
    )
  })

  it('applies the bearer scheme to every route that requires the token, and not to /healthz', async () => {
    const doc = await document({ token: 'sekret' }, { authorization: 'Bearer sekret' })
    expect(doc.components?.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer' } })
    for (const [path, op] of operations(doc)) {
      if (path === '/healthz') {
        expect(op.security).toEqual([])
        expect(op.responses[401]).toBeUndefined()
      } else {
        expect(op.security, path).toEqual([{ bearer: [] }])
        expect(op.responses[401], path).toBeDefined()
      }
    }
  })

  it('without a token, requires none and documents the loopback Host check instead', async () => {
    const doc = await document()
    expect(doc.components?.securitySchemes).toBeUndefined()
    for (const [path, op] of operations(doc)) {
      expect(op.security, path).toBeUndefined()
      expect(op.responses[401], path).toBeUndefined()
      expect(op.responses[403]?.description, path).toContain('bad_host')
    }
  })
})
