/** `sightline rewards` and `sightline schema`: derived from the registry (built-ins plus plugins), never by hand. */
import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../src/rewards/packs.js'
import { sightline, TEST_PACK } from './helpers.js'

describe('sightline rewards', () => {
  it('--json lists every reward with id, version, params (JSON Schema) and needs', async () => {
    const r = await sightline(process.cwd(), ['rewards', '--json', '--plugin', TEST_PACK])
    expect(r.code).toBe(0)
    const list = JSON.parse(r.stdout) as { id: string; version: number; params: unknown; needs: object }[]
    expect(list.map((m) => m.id)).toEqual([...defaultRegistry().ids, 'crash', 'echo-number', 'hang', 'judged'].sort())
    expect(list.find((m) => m.id === 'echo-number')).toMatchObject({
      version: 1,
      pack: 'test',
      needs: { reference: true },
      params: { type: 'object' },
      components: ['abs'],
    })
  })

  it('prints a table with what each reward needs', async () => {
    const r = await sightline(process.cwd(), ['rewards', '--plugin', TEST_PACK])
    expect(r.stdout).toMatch(/^id +version +pack +needs +summary$/m)
    expect(r.stdout).toMatch(/^echo-number +v1 +test +reference +a test reward$/m)
  })
})

describe('sightline schema', () => {
  it('names every reward id and its params in the spec JSON Schema', async () => {
    const r = await sightline(process.cwd(), ['schema', '--plugin', TEST_PACK])
    const schema = JSON.parse(r.stdout)
    expect(schema.title).toBe('Sightline reward spec')
    const compact = JSON.stringify(schema)
    for (const id of [...defaultRegistry().ids, 'echo-number']) expect(compact).toContain(`{"const":"${id}"}`)
  })
})
