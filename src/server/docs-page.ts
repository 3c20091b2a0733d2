/**
 * `GET /docs`: a self-contained page (no CDN, works offline) that renders `/openapi.json`: each route with its
 * summary and its request and response schemas, folded.
 */
export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sightline API</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}.op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.6rem 1rem}
.m{display:inline-block;min-width:3.5rem;font-weight:700;text-transform:uppercase}.post{color:#0a6}.get{color:#06c}
code{font-size:.95em}pre{background:#f6f6f6;padding:.6rem;overflow:auto;font-size:12px;max-height:28rem}
summary{cursor:pointer;color:#555}
</style></head><body>
<h1>Sightline reward server</h1>
<p>Generated from <a href="openapi.json">openapi.json</a>. Errors are <code>{"error": {"code", "message", "issues"?}}</code>.</p>
<div id="ops">loading…</div>
<script>
fetch('openapi.json').then(r => r.json()).then(doc => {
  const root = document.getElementById('ops'); root.textContent = ''
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e }
  const fold = (title, value) => { const d = el('details'); d.append(el('summary', '', title), el('pre', '', JSON.stringify(value, null, 2))); return d }
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    const box = el('div', 'op'); const head = el('div')
    head.append(el('span', 'm ' + method, method), el('code', '', path), el('div', '', op.summary || ''))
    box.append(head)
    const req = op.requestBody && op.requestBody.content['application/json']
    if (req) box.append(fold('request body', req.schema))
    for (const [status, res] of Object.entries(op.responses)) {
      const c = res.content && Object.values(res.content)[0]
      if (c) box.append(fold('response ' + status, c.schema))
    }
    root.append(box)
  }
}).catch(e => { document.getElementById('ops').textContent = 'could not load openapi.json: ' + e })
</script></body></html>
`
