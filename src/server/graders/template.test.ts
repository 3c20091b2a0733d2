import { describe, expect, it } from 'vitest'
import { context, render, renderValue, templateRefs } from './template.js'

const ctx = () =>
  context('{"answer": "B", "boxes": [[1, 2, 3, 4]]}', {
    reference_answer: 'fuzzy wuzzy',
    nested: { list: [{ x: 'deep' }] },
    n: 3,
  })

describe('templates', () => {
  it.each([
    ['{{item.reference_answer}}', 'fuzzy wuzzy'],
    ['{{ item.reference_answer }}!', 'fuzzy wuzzy!'], // spaces inside the braces are allowed
    ['{{item.nested.list[0].x}}', 'deep'],
    ['n={{item.n}}', 'n=3'],
    ['{{sample.output_json.answer}}', 'B'],
    ['{{sample.output_json.boxes[0]}}', '[1,2,3,4]'], // non-strings are written as JSON
    ['no templates', 'no templates'],
  ])('%s → %s', (template, expected) => {
    expect(render(template, ctx())).toEqual({ text: expected })
  })

  it('a missing variable or non-JSON sample is an error flag, not an exception', () => {
    expect(render('{{item.missing}}', ctx())).toMatchObject({ error: 'invalid_variable' })
    expect(render('{{sample.output_json.a}}', context('not json'))).toMatchObject({ error: 'sample_parse' })
  })

  it('a whole-value template keeps its JSON type', () => {
    expect(renderValue('{{sample.output_json.boxes}}', ctx())).toEqual({ value: [[1, 2, 3, 4]] })
    expect(renderValue({ literal: true }, ctx())).toEqual({ value: { literal: true } })
  })

  it.each([
    ['{{other.x}}', 'the namespace must be "item" or "sample"'],
    ['{{sample.output_txt}}', 'sample has output_text'],
    ['{{item}}', 'name a variable'],
    ['{{item.a[x]}}', 'expected [index]'],
    ['{{item.a', 'unclosed'],
  ])('rejects %s at validation', (template, message) => {
    expect(templateRefs(template)).toContain(message)
  })
})
