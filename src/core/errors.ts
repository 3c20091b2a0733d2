/**
 * Named errors for bad configuration and bad requests. Model output never throws: it becomes a score with a
 * reason. These do, early, with the data that locates the problem in the message.
 */
export class RewardEngineError extends Error {
  /** stable machine-readable code, used by the HTTP error mapper and the CLI's exit codes */
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.name = 'RewardEngineError'
    this.code = code
  }
}

export class UnknownRewardError extends RewardEngineError {
  readonly id: string
  readonly known: readonly string[]
  constructor(id: string, known: readonly string[]) {
    super('unknown_reward', `unknown reward "${id}"; known: ${known.join(', ')}`)
    this.name = 'UnknownRewardError'
    this.id = id
    this.known = known
  }
}

export class DuplicateRewardError extends RewardEngineError {
  constructor(id: string, firstPack: string, secondPack: string) {
    super('duplicate_reward', `reward "${id}" is defined twice: in pack "${firstPack}" and in pack "${secondPack}"`)
    this.name = 'DuplicateRewardError'
  }
}

/** A reward definition itself is malformed (a programming error, caught at registration). */
export class RewardDefinitionError extends RewardEngineError {
  constructor(id: string, problem: string) {
    super('bad_reward_definition', `reward "${id}": ${problem}`)
    this.name = 'RewardDefinitionError'
  }
}

/** One problem in user configuration: where it is and what was expected there. */
export interface ConfigIssue {
  /** JSON path inside the document, e.g. `sum[1].params.threshold` */
  path: string
  message: string
}

/** Bad configuration (a spec, reward params, CLI flags): names the source, the path in it and what was expected. */
export class ConfigError extends RewardEngineError {
  readonly source: string
  readonly issues: readonly ConfigIssue[]
  constructor(source: string, issues: readonly ConfigIssue[]) {
    const lines = issues.map((i) => `  at ${i.path || '(root)'}: ${i.message}`)
    super('bad_config', `invalid ${source}:\n${lines.join('\n')}`)
    this.name = 'ConfigError'
    this.source = source
    this.issues = issues
  }
}

/** Renders a path of keys and indices the way users write it: `routes.refcoco.sum[0].params`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out ? `.${String(key)}` : String(key)
  }
  return out
}
