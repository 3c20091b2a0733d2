/**
 * Synthetic scenes for the demo run: coloured shapes on a plain background, drawn with sharp from an SVG, with
 * each shape's ground-truth box in original-image pixels. Sizes differ per scene so the inspector's overlay is
 * seen to map model coordinates into each image's own frame.
 */
import sharp from 'sharp'

export interface SceneObject {
  label: string
  color: string
  shape: 'square' | 'circle'
  /** [x1, y1, x2, y2] in original pixels */
  box: [number, number, number, number]
}

export interface Scene {
  png: Uint8Array
  width: number
  height: number
  objects: SceneObject[]
}

const COLORS: [string, string][] = [
  ['red', '#d62728'],
  ['blue', '#1f77b4'],
  ['green', '#2ca02c'],
  ['orange', '#ff7f0e'],
  ['purple', '#9467bd'],
]
const SIZES: [number, number][] = [
  [640, 480],
  [800, 600],
  [512, 768],
  [960, 540],
]

/** A small deterministic PRNG (mulberry32), so the demo is the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Scene `i`: 3 shapes of distinct colours that do not overlap, on a light background. */
export async function drawScene(i: number): Promise<Scene> {
  const rand = rng(1000 + i)
  const [width, height] = SIZES[i % SIZES.length] as [number, number]
  const objects: SceneObject[] = []
  const used = new Set<number>()
  for (let tries = 0; objects.length < 3 && tries < 200; tries++) {
    const c = Math.floor(rand() * COLORS.length)
    if (used.has(c)) continue
    const side = Math.round(Math.min(width, height) * (0.12 + rand() * 0.16))
    const x = Math.round(rand() * (width - side))
    const y = Math.round(rand() * (height - side))
    const box: [number, number, number, number] = [x, y, x + side, y + side]
    if (
      objects.some(
        (o) => box[0] < o.box[2] + 8 && o.box[0] < box[2] + 8 && box[1] < o.box[3] + 8 && o.box[1] < box[3] + 8,
      )
    )
      continue
    used.add(c)
    const [label, color] = COLORS[c] as [string, string]
    objects.push({ label, color, shape: rand() < 0.5 ? 'square' : 'circle', box })
  }
  const shapes = objects
    .map((o) => {
      const [x1, y1, x2, y2] = o.box
      const w = x2 - x1
      return o.shape === 'square'
        ? `<rect x="${x1}" y="${y1}" width="${w}" height="${y2 - y1}" fill="${o.color}"/>`
        : `<circle cx="${x1 + w / 2}" cy="${y1 + w / 2}" r="${w / 2}" fill="${o.color}"/>`
    })
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f3efe6"/><path d="M0 ${height * 0.8} L${width} ${height * 0.7} L${width} ${height} L0 ${height} Z" fill="#e2dccd"/>${shapes}</svg>`
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer()
  return { png, width, height, objects }
}
