/**
 * Checks a grader once (templates, formula, what this server can run) and turns it into a function of
 * (item, model_sample). Configuration problems throw a 400 naming the JSON path in the request; problems with
 * the sample (a missing variable, output that is not JSON, a reward that timed out) are data: a zero reward with
 * OpenAI's error flag set, as `/graders/run` reports them.
 */
import { ConfigError, type RewardRegistry, type ScoreItem, type ScoreResult } from '../../core/index.js'
import type { JudgeService } from '../../core/judge.js'
import { type CompiledSpec, compileSpec, parseSpec, scoreItem } from '../../spec/index.js'
import { badRequest, HttpError, type RequestIssue } from '../errors.js'
import { compileFormula, FormulaError } from './formula.js'
import { labelModelGrader, scoreModelGrader, type TokenUsage } from './model-graders.js'
import type { ErrorFlag, Grader, InnerGrader } from './schema.js'
import { render, renderValue, type TemplateContext, templateRefs } from './template.js'
import { cosine, textSimilarity } from './text-similarity.js'

export interface GraderDeps {
  registry: RewardRegistry
  /** embeds texts (for `cosine`); absent when no embeddings endpoint is configured */
  embed?: ((texts: string[]) => Promise<number[][]>) | undefined
  /** deadline for asynchronous rewards in a `sightline` grader, ms */
  timeoutMs: number
  /** the judge for score_model and label_model graders; absent without --judge-url */
  judge?: JudgeService | undefined
}

export interface GraderOutcome {
  reward: number
  scores: Record<string, number>
  subRewards: Record<string, number>
  errors: Partial<Record<ErrorFlag, boolean>>
  details?: string
  /** judge tokens spent, by model (model graders) */
  usage?: Record<string, TokenUsage>
  /** the judge model that answered */
  model?: string
}

export type RunGrader = (ctx: TemplateContext) => GraderOutcome | Promise<GraderOutcome>

const failed = (flag: ErrorFlag, details?: string): GraderOutcome => ({
  reward: 0,
  scores: {},
  subRewards: {},
  errors: { [flag]: true },
  ...(details === undefined ? {} : { details }),
})
const score = (reward: number, scores: Record<string, number> = {}): GraderOutcome => ({
  reward,
  scores,
  subRewards: {},
  errors: {},
})

function checkTemplate(template: string, at: string, issues: RequestIssue[]) {
  const refs = templateRefs(template)
  if (typeof refs === 'string') issues.push({ path: at, message: refs })
}

const FLAG = { invalid_variable: 'invalid_variable_error', sample_parse: 'sample_parse_error' } as const

function stringCheck(g: Extract<InnerGrader, { type: 'string_check' }>): RunGrader {
  return (ctx) => {
    const input = render(g.input, ctx)
    if ('error' in input) return failed(FLAG[input.error], input.message)
    const reference = render(g.reference, ctx)
    if ('error' in reference) return failed(FLAG[reference.error], reference.message)
    const a = input.text
    const b = reference.text
    const pass =
      g.operation === 'eq'
        ? a === b
        : g.operation === 'ne'
          ? a !== b
          : g.operation === 'like'
            ? a.includes(b)
            : a.toLowerCase().includes(b.toLowerCase())
    return score(pass ? 1 : 0)
  }
}

function similarity(g: Extract<InnerGrader, { type: 'text_similarity' }>, deps: GraderDeps, at: string): RunGrader {
  const metric = g.evaluation_metric
  const embed = deps.embed
  if (metric === 'cosine' && !embed)
    throw new HttpError(
      400,
      'embeddings_not_configured',
      `${at}: evaluation_metric "cosine" needs an embeddings endpoint; start the server with --embeddings-url (and --embeddings-model)`,
    )
  return async (ctx) => {
    const input = render(g.input, ctx)
    if ('error' in input) return failed(FLAG[input.error], input.message)
    const reference = render(g.reference, ctx)
    if ('error' in reference) return failed(FLAG[reference.error], reference.message)
    if (metric !== 'cosine') return score(textSimilarity(metric, input.text, reference.text))
    try {
      const [a, b] = await (embed as NonNullable<GraderDeps['embed']>)([input.text, reference.text])
      return score(cosine(a ?? [], b ?? []))
    } catch (e) {
      return failed('other_error', `embeddings endpoint failed: ${(e as Error).message}`)
    }
  }
}

function sightline(g: Extract<InnerGrader, { type: 'sightline' }>, deps: GraderDeps, at: string): RunGrader {
  let spec: CompiledSpec
  try {
    spec = compileSpec(parseSpec({ reward: g.reward, ...(g.params ? { params: g.params } : {}) }), deps.registry)
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    throw badRequest(e.issues.map((i) => ({ path: `${at}.${i.path}`, message: i.message })))
  }
  return async (ctx) => {
    const input = render(g.input, ctx)
    if ('error' in input) return failed(FLAG[input.error], input.message)
    const item: ScoreItem = { response: input.text }
    for (const field of ['reference', 'images', 'meta'] as const) {
      if (g[field] === undefined) continue
      const r = renderValue(g[field], ctx)
      if ('error' in r) return failed(FLAG[r.error], r.message)
      ;(item as unknown as Record<string, unknown>)[field] = r.value
    }
    if (g.task !== undefined) item.task = g.task
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const result = await Promise.race([
      scoreItem(spec, item, 0, controller.signal),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => {
          controller.abort()
          resolve(undefined)
        }, deps.timeoutMs)
      }),
    ]).finally(() => clearTimeout(timer))
    if (!result) return failed('unresponsive_reward_error', `${g.reward} did not answer within ${deps.timeoutMs} ms`)
    return fromResult(result)
  }
}

function fromResult(r: ScoreResult): GraderOutcome {
  if (!r.error) return score(r.score, r.components)
  const flag: ErrorFlag = r.error.code === 'timeout' ? 'unresponsive_reward_error' : 'other_error'
  return { ...failed(flag, r.error.message), scores: r.components }
}

function inner(g: InnerGrader, deps: GraderDeps, at: string, issues: RequestIssue[], nested: boolean): RunGrader {
  switch (g.type) {
    case 'string_check':
      checkTemplate(g.input, `${at}.input`, issues)
      checkTemplate(g.reference, `${at}.reference`, issues)
      return stringCheck(g)
    case 'text_similarity':
      checkTemplate(g.input, `${at}.input`, issues)
      checkTemplate(g.reference, `${at}.reference`, issues)
      return similarity(g, deps, at)
    case 'sightline':
      checkTemplate(g.input, `${at}.input`, issues)
      return sightline(g, deps, at)
    case 'label_model':
      if (!nested)
        throw new HttpError(400, 'invalid_grader', `${at}: label_model graders are allowed only inside multi`)
      return deps.judge ? labelModelGrader(g, deps.judge) : judgeMissing(g.type, at)
    case 'score_model':
      return deps.judge ? scoreModelGrader(g, deps.judge) : judgeMissing(g.type, at)
    case 'python':
      throw new HttpError(
        400,
        'python_grader_unsupported',
        `${at}: python graders are not run by this server (arbitrary code); use a "sightline" grader with a registered reward`,
      )
  }
}

function judgeMissing(type: string, at: string): never {
  throw new HttpError(
    400,
    'judge_not_configured',
    `${at}: ${type} graders need a judge model, and this server has none configured; start it with --judge-url (and --judge-model), or use string_check, text_similarity, multi or a "sightline" grader`,
  )
}

/** Compiles a grader at `at` (the JSON path of the grader in the request, for errors). */
export function compileGrader(grader: Grader, deps: GraderDeps, at = 'grader'): RunGrader {
  const issues: RequestIssue[] = []
  let run: RunGrader
  if (grader.type === 'multi') {
    const keys = Object.keys(grader.graders)
    const subs = keys.map(
      (k) => [k, inner(grader.graders[k] as InnerGrader, deps, `${at}.graders.${k}`, issues, true)] as const,
    )
    let formula: ReturnType<typeof compileFormula>
    try {
      formula = compileFormula(grader.calculate_output, keys)
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e
      throw badRequest([{ path: `${at}.calculate_output`, message: e.message }], e.code)
    }
    run = async (ctx) => {
      const outcomes = await Promise.all(subs.map(([, g]) => g(ctx)))
      const subRewards: Record<string, number> = {}
      const errors: GraderOutcome['errors'] = {}
      const usage: Record<string, TokenUsage> = {}
      keys.forEach((k, i) => {
        const o = outcomes[i] as GraderOutcome
        subRewards[k] = o.reward
        Object.assign(errors, o.errors)
        addUsage(usage, o.usage)
      })
      const spent = Object.keys(usage).length > 0 ? { usage } : {}
      const value = formula.evaluate(subRewards)
      if (!Number.isFinite(value))
        return { ...failed('other_error', `calculate_output gave ${value}`), scores: subRewards, subRewards, ...spent }
      return { reward: value, scores: subRewards, subRewards, errors, ...spent }
    }
  } else run = inner(grader, deps, at, issues, false)
  if (issues.length > 0) throw badRequest(issues, 'invalid_grader')
  return run
}

function addUsage(into: Record<string, TokenUsage>, from: Record<string, TokenUsage> | undefined): void {
  for (const [model, u] of Object.entries(from ?? {})) {
    into[model] ??= { prompt_tokens: 0, total_tokens: 0, completion_tokens: 0, cached_tokens: 0 }
    const t = into[model]
    t.prompt_tokens += u.prompt_tokens
    t.total_tokens += u.total_tokens
    t.completion_tokens += u.completion_tokens
    t.cached_tokens += u.cached_tokens
  }
}
