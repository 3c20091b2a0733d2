/** A response with its reasoning folded: the `<think>` block in a closed <details>, the rest shown. */
export function FoldedResponse({ text, open = false }: { text: string; open?: boolean }) {
  const s = text.indexOf('<think>')
  const e = s < 0 ? -1 : text.indexOf('</think>', s)
  if (s < 0) return <pre className="response">{text}</pre>
  const think = text.slice(s + 7, e < 0 ? undefined : e)
  const after = e < 0 ? '' : text.slice(e + 8)
  return (
    <div className="response">
      {s > 0 && <pre>{text.slice(0, s)}</pre>}
      <details open={open}>
        <summary>
          reasoning ({think.length} chars{e < 0 ? ', unterminated' : ''})
        </summary>
        <pre className="think">{think}</pre>
      </details>
      <pre>{after.trim()}</pre>
    </div>
  )
}
