import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { z } from 'zod'
import { ConfigError, formatPath } from '../../core/index.js'
import { CocoInputError, cocoEvaluate } from '../../rewards/detection/coco/index.js'
import { type CliCommand, type CliIo, UsageError } from '../command.js'

const num = z.number().describe('a number')
const box = z.array(num).length(4).describe('a COCO box [x, y, w, h]')
const id = z.number().describe('a numeric id')

/** The shape pycocotools reads; extra fields (segmentation, file_name, ...) are allowed and ignored. */
const GroundTruthFile = z.object({
  images: z.array(z.object({ id }).loose()).describe('the images: [{id, ...}]'),
  annotations: z
    .array(
      z
        .object({
          id: id.optional(),
          image_id: id,
          category_id: id,
          bbox: box,
          area: num.optional(),
          iscrowd: z.union([z.number(), z.boolean()]).optional(),
        })
        .loose(),
    )
    .describe('the annotations: [{id, image_id, category_id, bbox, area, iscrowd}]'),
  categories: z.array(z.object({ id }).loose()).describe('the categories: [{id, ...}]'),
})
const DetectionsFile = z
  .array(z.object({ image_id: id, category_id: id, bbox: box, score: num }).loose())
  .describe('a results list: [{image_id, category_id, bbox, score}]')

const USAGE = `usage: sightline coco-eval --gt G --dt D [--arrays]

COCO bbox evaluation, equal to pycocotools COCOeval(gt, dt, 'bbox') to the last digit.
  --gt G      ground truth: {images, annotations, categories} (COCO instances JSON)
  --dt D      detections: [{image_id, category_id, bbox: [x, y, w, h], score}]
  --arrays    also print precision [T,R,K,A,M] and recall [T,K,A,M] (flattened, C order) with their shape
Prints {"stats": [AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl], "names": [...]} on stdout.`

const NAMES = ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl']

async function readJson<T>(path: string, schema: z.ZodType<T>, io: CliIo, what: string): Promise<T> {
  let text: string
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8')
  } catch (e) {
    throw new UsageError(`cannot read ${what} file ${path}: ${(e as Error).message}`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw new ConfigError(path, [{ path: '', message: `not JSON: ${(e as Error).message}` }])
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success)
    throw new ConfigError(
      path,
      parsed.error.issues.slice(0, 10).map((i) => ({ path: formatPath(i.path), message: i.message })),
    )
  return parsed.data
}

function parseArgs(args: readonly string[]): { gt: string; dt: string; arrays: boolean } {
  let gt: string | undefined
  let dt: string | undefined
  let arrays = false
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--gt' || a === '--dt') {
      const v = args[++i]
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a file path`)
      if (a === '--gt') gt = v
      else dt = v
    } else if (a === '--arrays') arrays = true
    else throw new UsageError(`unknown option "${a}"`)
  }
  if (!gt || !dt) throw new UsageError('both --gt and --dt are required')
  return { gt, dt, arrays }
}

/** `sightline coco-eval --gt G --dt D`: pycocotools-exact COCO bbox stats as JSON. */
export const cocoEvalCommand: CliCommand = {
  name: 'coco-eval',
  usage: USAGE,
  async run(args, io) {
    const opts = parseArgs(args)
    const gt = await readJson(opts.gt, GroundTruthFile, io, 'ground-truth')
    const dt = await readJson(opts.dt, DetectionsFile, io, 'detections')
    let result: ReturnType<typeof cocoEvaluate>
    try {
      result = cocoEvaluate(gt, dt, { arrays: opts.arrays })
    } catch (e) {
      if (e instanceof CocoInputError) throw new ConfigError(opts.dt, [{ path: '', message: e.message }])
      throw e
    }
    const out: Record<string, unknown> = { stats: result.stats, names: NAMES }
    if (opts.arrays && result.precision && result.recall) {
      out.shape = result.shape
      out.precision = Array.from(result.precision)
      out.recall = Array.from(result.recall)
    }
    io.stdout.write(`${JSON.stringify(out)}\n`)
    return 0
  },
}
