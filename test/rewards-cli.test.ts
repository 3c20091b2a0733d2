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
    expect(r.stdout).toMatch(/^echo-number +v1 +test +reference +a test reward\n {2}params: none$/m)
  })

  it('prints the params of each reward with their defaults, wrapped, long defaults cut short', async () => {
    const r = await sightline(process.cwd(), ['rewards'])
    expect(r.stdout).toMatch(/^anls .*\n {2}params: answerFrom="answer-tag-or-whole", threshold=0\.5, mode="fixed"$/m)
    // an optional param without a default is `name?`; the judge prompt's default is cut
    expect(r.stdout).toMatch(/^judge-score .*\n {2}params: model\?, temperature=0, /m)
    expect(r.stdout).toMatch(/prompt="You are grading a mode…/)
    for (const line of r.stdout.split('\n').filter((l) => l.startsWith('  ')))
      expect(line.length).toBeLessThanOrEqual(100)
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
