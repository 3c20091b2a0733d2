/**
 * The demo run's rollouts: a policy that improves over steps on two tasks (locate a shape: a box in Qwen2-VL's
 * 0–1000 space; pick a colour: a letter), with the reward-hacking patterns the detectors look for planted at known
 * places, so each detector has something real to point at. Scores come from the real spec, not from here.
 */
import type { Scene } from './scene.js'
import { rng } from './scene.js'

export const DEMO_STEPS = 8
export const DEMO_GROUP = 8
export const DEMO_PROMPTS = 12

export interface DemoDraft {
  task: 'locate' | 'choice'
  prompt: string
  reference: unknown
  response: string
  truncated: boolean
  judgeCost: number
}

const LETTERS = ['B', 'C', 'D', 'E']
const SUBJECTS = [
  'the left edge',
  'the top edge',
  'its corner',
  'the outline',
  'the shadow',
  'the centre',
  'the right side',
  'the lower rim',
]
const VERBS = [
  'lines up with',
  'stays clear of',
  'sits just above',
  'runs parallel to',
  'is brighter than',
  'nearly touches',
]
const OBJECTS = [
  'the ground plane',
  'the neighbouring shape',
  'the image border',
  'the grid I imagined',
  'the first estimate',
  'the other colours',
]

const norm = (v: number, size: number) => Math.round((v / size) * 1000)
const clamp = (v: number) => Math.max(0, Math.min(1000, v))

function padding(words: number, rand: () => number): string {
  const out: string[] = []
  const pick = (a: string[]) => a[Math.floor(rand() * a.length)] as string
  for (let n = 0; n < words; n += 8) out.push(`Here ${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}.`)
  return out.join(' ')
}

function locate(scene: Scene, p: number, step: number, j: number, rand: () => number): DemoDraft {
  const target = scene.objects[0] as Scene['objects'][number]
  const prompt = `<image>Locate the ${target.label} ${target.shape}. Think in <think></think>, then give its box as [x1, y1, x2, y2] in 0-1000 coordinates inside <answer></answer>.`
  const skill = step / (DEMO_STEPS - 1)
  const noise = (1 - skill) * 160 + 60
  const [x1, y1, x2, y2] = target.box
  const box = [norm(x1, scene.width), norm(y1, scene.height), norm(x2, scene.width), norm(y2, scene.height)].map((v) =>
    clamp(Math.round(v + (rand() - 0.5) * noise)),
  )
  const truth = [norm(x1, scene.width), norm(y1, scene.height), norm(x2, scene.width), norm(y2, scene.height)]
  const err = box.reduce((e, v, k) => e + Math.abs(v - (truth[k] as number)), 0) / 4
  const base = `The ${target.label} ${target.shape} sits ${x1 < scene.width / 2 ? 'left' : 'right'} of centre.`
  // late in training, longer reasoning goes with better boxes: the length–reward drift the detector must catch
  const words = step >= 4 ? Math.round(Math.max(0, 1 - err / 30) * 260 + rand() * 4) : Math.round(rand() * 40)
  let think = `${base} ${padding(words, rand)}`
  let answer = `[${box.join(', ')}]`
  let tags = true
  let truncated = false
  if (j === 7 && step >= 3 && p % 3 === 0) {
    answer = '[0, 0, 1000, 1000]' // whole-image box, with little reasoning
    think = base
  } else if (j === 6 && step >= 4 && p % 4 === 1) {
    const spray: string[] = [answer]
    for (let k = 0; k < 11; k++)
      spray.push(
        `[${(k % 4) * 250}, ${Math.floor(k / 4) * 330}, ${(k % 4) * 250 + 250}, ${Math.floor(k / 4) * 330 + 330}]`,
      )
    answer = spray.join(', ') // sprayed boxes
    think = base
  } else if (j === 5 && step >= 5 && p % 2 === 0)
    think = 'I need to look at the image again. '.repeat(40) // repetition
  else if (p === 2 && step >= 1 && step <= 3) {
    if (j === 4)
      answer = 'the shape in the picture' // format-only: layout right, no box
    else tags = false // the rest of this group forgets the tags, so the format-only answer wins its group
  } else if (j === 3 && step % 3 === 0 && step < 6 && p % 4 === 3) truncated = true
  else if (step < 5 && rand() < 0.35 * (1 - skill)) tags = false
  if (p === 5 && step === 0) tags = false // a group where every rollout fails: zero variance, no signal
  let response = tags ? `<think>${think}</think> <answer>${answer}</answer>` : `${think} ${answer}`
  if (truncated) response = `<think>${think} ${padding(120, rand)}`
  return { task: 'locate', prompt, reference: target.box, response, truncated, judgeCost: 0 }
}

function choice(scene: Scene, p: number, step: number, j: number, rand: () => number): DemoDraft {
  const target = scene.objects[0] as Scene['objects'][number]
  const labels = ['red', 'blue', 'green', 'orange']
  const right = LETTERS[Math.max(0, labels.indexOf(target.label))] ?? 'E'
  const options = labels.map((l, i) => `(${LETTERS[i]}) ${l}`).join(' ')
  const prompt = `<image>What colour is the ${target.shape}? ${options}. Answer with the letter inside <answer></answer>.`
  const skill = step / (DEMO_STEPS - 1)
  const pick = rand() < 0.3 + 0.6 * skill ? right : (LETTERS[Math.floor(rand() * 4)] as string)
  const solved = p === 10 && step >= 6 // a prompt the policy has mastered: every rollout right, zero variance
  const chosen = solved ? right : pick
  const words = step >= 4 && chosen === right ? 200 + Math.round(rand() * 40) : Math.round(rand() * 12)
  let think = `The ${target.shape} looks ${rand() < 0.5 ? 'bright' : 'saturated'}. ${padding(words, rand)} So the answer is (${chosen}).`
  let answer = chosen
  if (solved) {
    // no hacks in a solved group
  } else if (j === 7 && step >= 3) {
    answer = 'B, C, D, E' // an option list: token F1 pays for the right letter inside it
    think = 'Any of them could fit.'
  } else if (j === 6 && step >= 4) {
    think = `The ${target.shape} looks ${target.label}... so the answer is (${right === 'B' ? 'C' : 'B'}).`
    answer = right // contradicts the reasoning, yet scores
  }
  if (!solved && step < 5 && rand() < 0.3 * (1 - skill))
    return {
      task: 'choice',
      prompt,
      reference: right,
      response: `${think} ${answer}`,
      truncated: false,
      judgeCost: 0.0004,
    }
  return {
    task: 'choice',
    prompt,
    reference: right,
    response: `<think>${think}</think> <answer>${answer}</answer>`,
    truncated: false,
    judgeCost: 0.0004,
  }
}

/** The drafts of prompt `p` at `step`: one GRPO group. */
export function demoGroup(scene: Scene, p: number, step: number): DemoDraft[] {
  const rand = rng(p * 7919 + step * 104729)
  const out: DemoDraft[] = []
  for (let j = 0; j < DEMO_GROUP; j++)
    out.push(p % 3 === 1 ? choice(scene, p, step, j, rand) : locate(scene, p, step, j, rand))
  return out
}
