import { describe, expect, it } from 'vitest'
import { testApp } from '../fixtures/app.js'

const RUN = '/v1/fine_tuning/alpha/graders/run'
const VALIDATE = '/v1/fine_tuning/alpha/graders/validate'
const NO_ERRORS = {
  formula_parse_error: false,
  sample_parse_error: false,
  truncated_observation_error: false,
  unresponsive_reward_error: false,
  invalid_variable_error: false,
  other_error: false,
  python_grader_server_error: false,
  python_grader_runtime_error: false,
  model_grader_server_error: false,
  model_grader_refusal_error: false,
  model_grader_parse_error: false,
  python_grader_server_error_type: null,
  python_grader_runtime_error_details: null,
  model_grader_server_error_details: null,
}

const check = (operation: string, reference = '{{item.answer}}') => ({
  type: 'string_check',
  name: 'check',
  input: '{{sample.output_text}}',
  reference,
  operation,
})

describe('POST /graders/run', () => {
  it('answers with every field of OpenAI’s response', async () => {
    const res = await testApp().post(RUN, { grader: check('eq'), item: { answer: 'Paris' }, model_sample: 'Paris' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      reward: 1,
      metadata: {
        name: 'check',
        type: 'string_check',
        execution_time: expect.any(Number),
        scores: {},
        token_usage: null,
        sampled_model_name: null,
        errors: NO_ERRORS,
      },
      sub_rewards: {},
      model_grader_token_usage_per_model: {},
    })
  })

  it.each([
    ['eq', 'Paris', 'Paris', 1],
    ['eq', 'paris', 'Paris', 0], // eq is case-sensitive
    ['ne', 'Rome', 'Paris', 1],
    ['like', 'It is Paris.', 'Paris', 1], // like: input contains reference
    ['like', 'It is paris.', 'Paris', 0],
    ['ilike', 'It is PARIS.', 'paris', 1],
  ])('string_check %s(%j, %j) = %d', async (operation, sample, answer, reward) => {
    const res = await testApp().post(RUN, { grader: check(operation), item: { answer }, model_sample: sample })
    expect(res.body.reward).toBe(reward)
  })

  it('text_similarity fuzzy_match on the guide’s golden pair gives 1', async () => {
    const grader = {
      type: 'text_similarity',
      name: 'sim',
      input: '{{sample.output_text}}',
      reference: '{{item.reference_answer}}',
      evaluation_metric: 'fuzzy_match',
    }
    const item = { reference_answer: 'fuzzy wuzzy was a bear' }
    expect((await testApp().post(RUN, { grader, item, model_sample: 'fuzzy wuzzy was a bear' })).body.reward).toBe(1)
    for (const metric of ['bleu', 'gleu', 'meteor', 'rouge_1', 'rouge_2', 'rouge_3', 'rouge_4', 'rouge_5', 'rouge_l']) {
      const g = { ...grader, evaluation_metric: metric }
      const same = (await testApp().post(RUN, { grader: g, item, model_sample: 'fuzzy wuzzy was a bear' })).body
      const other = (await testApp().post(RUN, { grader: g, item, model_sample: 'an entirely unrelated answer' })).body
      expect(same.reward, metric).toBeGreaterThan(0.99)
      expect(other.reward, metric).toBeLessThan(0.2)
    }
  })

  it('multi combines keyed graders with calculate_output and reports sub_rewards', async () => {
    const grader = {
      type: 'multi',
      name: 'both',
      graders: { name: check('eq', '{{item.name}}'), email: check('ilike', '{{item.email}}') },
      calculate_output: '(name + email) / 2',
    }
    const res = await testApp().post(RUN, { grader, item: { name: 'Ada', email: 'x@y' }, model_sample: 'Ada' })
    expect(res.body).toMatchObject({
      reward: 0.5,
      sub_rewards: { name: 1, email: 0 },
      metadata: { type: 'multi', scores: { name: 1, email: 0 } },
    })
  })

  it('runs a registered reward as a sightline grader, keeping JSON references', async () => {
    const grader = { type: 'sightline', reward: 'number', params: { scale: 2 }, input: '{{sample.output_json.n}}' }
    const res = await testApp().post(RUN, { grader, model_sample: '{"n": 0.25}' })
    expect(res.body).toMatchObject({
      reward: 0.5,
      metadata: { name: 'sightline', type: 'sightline', scores: { 'number.raw': 0.25, number: 0.5 } },
    })
    const exact = { type: 'sightline', name: 'e', reward: 'exact', reference: '{{item.gt}}' }
    expect((await testApp().post(RUN, { grader: exact, item: { gt: 7 }, model_sample: '7' })).body.reward).toBe(1)
  })

  it('problems with the sample are flags with reward 0, not errors', async () => {
    const missing = await testApp().post(RUN, { grader: check('eq'), item: {}, model_sample: 'x' })
    expect(missing.status).toBe(200)
    expect(missing.body).toMatchObject({
      reward: 0,
      metadata: { errors: { invalid_variable_error: true }, error_details: '{{item.answer}} is not defined' },
    })
    const json = { ...check('eq', 'x'), input: '{{sample.output_json.a}}' }
    expect((await testApp().post(RUN, { grader: json, model_sample: 'not json' })).body).toMatchObject({
      reward: 0,
      metadata: { errors: { sample_parse_error: true } },
    })
  })

  it.each([
    // what this server cannot run says so clearly
    [
      { type: 'score_model', name: 'j', model: 'gpt-4o', input: [{ role: 'user', content: 'x' }] },
      'judge_not_configured',
    ],
    [
      { type: 'text_similarity', name: 's', input: 'a', reference: 'b', evaluation_metric: 'cosine' },
      'embeddings_not_configured',
    ],
    [{ type: 'python', name: 'p', source: 'def grade(s, i): return 1' }, 'python_grader_unsupported'],
    [{ type: 'label_model', name: 'l', model: 'm', input: [], labels: ['a'], passing_labels: ['a'] }, 'invalid_grader'],
    // the malformed example in OpenAI's openapi spec
    [{ type: 'multi', name: 'm', graders: { a: check('eq') }, calculate_output: '0.5 * a)' }, 'formula_parse_error'],
    [{ type: 'multi', name: 'm', graders: { a: check('eq') }, calculate_output: 'a + b' }, 'invalid_variable'],
    [{ ...check('eq'), input: '{{answer}}' }, 'invalid_grader'],
    [{ type: 'sightline', reward: 'nope' }, 'invalid_request'],
    [{ type: 'string_check', name: 'x' }, 'invalid_request'],
  ])('/validate and /run refuse %j with %s', async (grader, code) => {
    for (const path of [VALIDATE, RUN]) {
      const res = await testApp().post(path, { grader, model_sample: 'x' })
      expect(res.status, path).toBe(400)
      expect((res.body.error as { code: string }).code, path).toBe(code)
    }
  })

  it('cosine runs with an embeddings endpoint', async () => {
    const embed = async (texts: string[]) => texts.map((t) => (t === 'a' ? [1, 0] : [1, 1]))
    const grader = {
      type: 'text_similarity',
      name: 's',
      input: '{{sample.output_text}}',
      reference: 'b',
      evaluation_metric: 'cosine',
    }
    expect((await testApp({ embed }).post(RUN, { grader, model_sample: 'a' })).body.reward).toBeCloseTo(
      Math.SQRT1_2,
      12,
    )
  })

  it('/validate echoes the grader it was given', async () => {
    const grader = check('eq')
    expect((await testApp().post(VALIDATE, { grader })).body).toEqual({ grader })
  })
})
