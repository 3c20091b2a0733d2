/** The judge-benchmark report as one self-contained HTML page: the figures, then each pair with its images. */
import type { ImagePreparer } from '../images.js'
import { type BenchReport, formatReport } from './report.js'
import type { BenchItemResult } from './run.js'

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const clip = (s: string, n = 2000) => (s.length > n ? `${s.slice(0, n)}…` : s)
const MAX_ITEMS = 500

function verdict(v: BenchItemResult['forward'], want: 0 | 1 | undefined): string {
  if (v === undefined) return '<span class="bad">unreadable</span>'
  const name = v === 'tie' ? 'tie' : v === 0 ? 'A' : 'B'
  return `<span class="${v === want ? 'ok' : 'bad'}">${name}</span>`
}

/** Builds the page; images are shrunk thumbnails (data URLs), so the file stands alone. At most 500 pairs. */
export async function renderHtml(
  report: BenchReport,
  results: readonly BenchItemResult[],
  thumbs: ImagePreparer,
): Promise<string> {
  const items: string[] = []
  for (const r of results.slice(0, MAX_ITEMS)) {
    const imgs: string[] = []
    for (const ref of r.pair.images.slice(0, 4)) {
      try {
        imgs.push(`<img src="${(await thumbs.prepare(ref)).url}" alt="">`)
      } catch (e) {
        imgs.push(`<span class="bad">${esc((e as Error).message)}</span>`)
      }
    }
    const want = r.pair.preferred
    items.push(`<section><h3>${esc(r.pair.id)} <small>${esc(r.pair.category)}</small></h3>
<div class="imgs">${imgs.join('')}</div><p class="q">${esc(clip(r.pair.query))}</p>
<div class="pair"><div><b>A${want === 0 ? ' ✓ human' : ''}</b><pre>${esc(clip(r.pair.responses[0]))}</pre></div>
<div><b>B${want === 1 ? ' ✓ human' : ''}</b><pre>${esc(clip(r.pair.responses[1]))}</pre></div></div>
<p>forward: ${verdict(r.forward, want)} · reverse: ${verdict(r.reverse, want)}${r.errors.length ? ` · <span class="bad">${esc(r.errors.join('; '))}</span>` : ''}</p></section>`)
  }
  const more =
    results.length > MAX_ITEMS ? `<p>… and ${results.length - MAX_ITEMS} more pairs (see the JSON report)</p>` : ''
  return `<!doctype html><html><head><meta charset="utf-8"><title>sightline judge-bench</title><style>
body{font:14px system-ui,sans-serif;margin:2em;max-width:1200px}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}.imgs img{max-height:200px;margin-right:.5em}
.ok{color:#080;font-weight:600}.bad{color:#b00;font-weight:600}section{border-top:1px solid #ddd;padding-top:.5em}
</style></head><body><h1>Judge benchmark</h1><pre>${esc(formatReport(report))}</pre>${items.join('\n')}${more}</body></html>\n`
}
