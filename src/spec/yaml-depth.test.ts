import { describe, expect, it } from 'vitest'
import { ConfigError } from '../core/index.js'
import { parseSpecText } from './parse.js'
import { yamlTooDeep } from './yaml-depth.js'

describe('yamlTooDeep', () => {
  it.each([
    ['a flat spec', 'reward: box-iou\nparams: { format: qwen-json, answer: tag }\n', undefined],
    ['a composed spec', 'sum:\n  - reward: mcq\n    weight: 0.5\n  - { reward: format-think-answer }\n', undefined],
    ['brackets in quotes', `a: "${'['.repeat(1000)}"\nb: '${'{'.repeat(1000)}'\n`, undefined],
    ['brackets in a block scalar', `a: |\n  ${'['.repeat(1000)}\nb: 1\n`, undefined],
    ['deep flow collections', `a: 1\nb: ${'['.repeat(300)}${']'.repeat(300)}`, 2],
    ['deep JSON', `${'{"sum": ['.repeat(200)}"mcq"${']}'.repeat(200)}`, 1],
    ['compact block sequences', `${'- '.repeat(300)}x`, 1],
    // a quote in a block scalar does not hide the flow collections after it
    ['a quote in a block scalar', `a: |\n  "\nb: ${'['.repeat(300)}${']'.repeat(300)}\nc: |\n  "\n`, 3],
  ])('%s → line %s', (_, text, line) => {
    expect(yamlTooDeep(text)).toBe(line)
  })
})

describe('parseSpecText bounds nesting', () => {
  it('refuses a spec nested past the bound with a ConfigError naming the line, before the parser recurses', () => {
    // 2,000 nested flow collections: without the bound the YAML parser overflows the stack (or V8 aborts)
    const text = `sum:\n  - ${'['.repeat(2000)}${']'.repeat(2000)}\n`
    expect(() => parseSpecText(text, 'deep.yaml')).toThrow(ConfigError)
    expect(() => parseSpecText(text, 'deep.yaml')).toThrow(/deep\.yaml.*nested deeper than 256 levels \(line 2\)/s)
  })

  it('passes an ordinary spec', () => {
    expect(parseSpecText('sum: [{ reward: mcq }, { reward: anls, weight: 2 }]', 's').root).toBeDefined()
  })
})
