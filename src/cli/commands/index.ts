import type { CommandEntry } from '../command.js'

/** Every `sightline` command, in the order `sightline --help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'score',
    summary: 'score a rollouts file with a reward spec',
    load: async () => (await import('./score.js')).scoreCommand,
  },
  {
    name: 'rewards',
    summary: 'list the registered rewards (id, version, params, needs)',
    load: async () => (await import('./rewards.js')).rewardsCommand,
  },
  {
    name: 'schema',
    summary: 'print the JSON Schema of reward spec files',
    load: async () => (await import('./schema.js')).schemaCommand,
  },
  {
    name: 'coco-eval',
    summary: 'COCO bbox evaluation (pycocotools-exact stats) of a detections file against a ground truth',
    load: async () => (await import('./coco-eval.js')).cocoEvalCommand,
  },
  {
    name: 'math-equal',
    summary: 'math answer equivalence for a JSONL of {gold, pred}, with a hard deadline per line',
    load: async () => (await import('./math-equal.js')).mathEqualCommand,
  },
  {
    name: 'serve',
    summary: 'the reward server (OpenRLHF /get_reward, OpenAI graders, /v1/score) and the inspector',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'import',
    summary: 'read verl / TRL / scored JSONL rollouts into the store for the inspector',
    load: async () => (await import('./import.js')).importCommand,
  },
  {
    name: 'judge-bench',
    summary: 'measure a judge model on pairwise preference data (both orders, per category, cost, latency)',
    load: async () => (await import('./judge-bench.js')).judgeBenchCommand,
  },
]
