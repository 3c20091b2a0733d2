import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { ImageRef } from '../core/index.js'
import { ImagePreparer } from './images.js'

const png = async (color: string, width = 8) =>
  (
    await sharp({ create: { width, height: 4, channels: 3, background: color } })
      .png()
      .toBuffer()
  ).toString('base64')

describe('ImagePreparer: inline data', () => {
  it('gives equal data equal hashes whether or not the ImageRef object is the same, and data URLs too', async () => {
    const b64 = await png('#c33')
    const prep = new ImagePreparer()
    const a = await prep.prepare({ data: b64 })
    const b = await prep.prepare({ data: `${b64}` })
    const c = await prep.prepare({ url: `data:image/png;base64,${b64}` })
    expect(b.sha256).toBe(a.sha256)
    expect(c.sha256).toBe(a.sha256)
    expect(a.url).toBe(`data:image/png;base64,${b64}`) // small PNG passes unchanged
  })

  it('sees a changed image behind the same ImageRef object (the remembered key is checked against the data)', async () => {
    const red = await png('#c33')
    const blue = await png('#33c')
    const prep = new ImagePreparer()
    const ref: ImageRef = { data: red }
    const first = await prep.prepare(ref)
    expect((await prep.prepare(ref)).sha256).toBe(first.sha256)
    ref.data = blue
    const changed = await prep.prepare(ref)
    expect(changed.sha256).not.toBe(first.sha256)
    expect(changed.sha256).toBe((await prep.prepare({ data: blue })).sha256)
  })
})
