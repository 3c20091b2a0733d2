import { useCallback, useEffect } from 'react'
import { fmt, type GroupView } from '../api.js'
import { ImageOverlay } from '../components/image-overlay.js'
import { useListKeys } from '../components/keys.js'
import { FoldedResponse } from '../components/response.js'
import { go, hashQuery } from '../router.js'
import { useApi } from '../use-api.js'

export function promptText(p: unknown): string {
  if (typeof p === 'string') return p
  if (Array.isArray(p))
    return p
      .map(
        (m: { role?: string; content?: unknown }) =>
          `${m.role ?? ''}: ${typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}`,
      )
      .join('\n')
  return p === null || p === undefined ? '' : JSON.stringify(p)
}

export function GroupPage({ groupId }: { groupId: number }) {
  const { data: g, error } = useApi<GroupView>(`api/groups/${groupId}`)
  const rollouts = g?.rollouts ?? []
  const open = useCallback((i: number) => rollouts[i] && go(`/rollouts/${rollouts[i].id}`), [rollouts])
  const [sel, setSel] = useListKeys(rollouts.length, open)
  const wanted = Number(hashQuery().get('rollout'))
  useEffect(() => {
    const i = rollouts.findIndex((r) => r.id === wanted)
    if (i >= 0) setSel(i)
  }, [rollouts, wanted, setSel])
  if (error) return <p className="error">{error}</p>
  if (!g) return <p className="muted">loading…</p>
  const keys = g.componentKeys.filter((k) => !k.includes('.') && rollouts.some((r) => k in r.components))
  const selected = rollouts[sel]
  return (
    <section>
      <h1>
        Group <span className="mono">{g.uid}</span>{' '}
        <span className="muted small">
          step {g.step} · {g.task ?? 'no task'} · n = {rollouts.length}
        </span>{' '}
        {g.zeroVariance && <span className="badge warn">zero variance: no GRPO signal</span>}
      </h1>
      <nav className="tabs">
        <a href={`#/runs/${g.runId}`}>run dashboard</a>
        <a href={`#/prompts/${g.promptId}`}>this prompt across steps</a>
        <a href={`#/runs/${g.runId}/explore?step=${g.step}`}>step {g.step} rollouts</a>
      </nav>
      <div className="group-head">
        <div>
          {g.images
            .map((im, i) => ({ im, i, id: `${i}:${im.sha256 ?? im.path}` }))
            .map(({ im, i, id }) => (
              <ImageOverlay
                key={id}
                image={im}
                gt={i === 0 ? g.groundTruth : undefined}
                predicted={i === 0 && selected ? [selected.predicted] : undefined}
              />
            ))}
          {selected?.predicted.note && <p className="muted small">overlay: {selected.predicted.note}</p>}
        </div>
        <div className="prompt">
          <h2>Prompt</h2>
          <pre>{promptText(g.prompt)}</pre>
          <h2>Reference</h2>
          <pre className="mono">{JSON.stringify(g.reference)}</pre>
          <p className="small">
            group mean {fmt(g.mean)} · σ {fmt(g.std)} (unbiased) · advantage = (r − μ)/(σ + 1e-6)
          </p>
        </div>
      </div>
      <h2>
        Rollouts <span className="muted small">j/k select (drawn on the image), Enter opens</span>
      </h2>
      <ul className="cards">
        {rollouts.map((r, i) => (
          <li
            key={r.id}
            data-row={i}
            data-rollout={r.id}
            className={`card ${i === sel ? 'sel' : ''} ${r.valid ? '' : 'invalid'}`}
            onMouseDown={() => setSel(i)}
          >
            <header>
              <a href={`#/rollouts/${r.id}`}>#{r.index}</a> <b className="score">{fmt(r.score)}</b>{' '}
              <span className={r.advantage > 0 ? 'pos' : r.advantage < 0 ? 'neg' : 'muted'}>
                A = {fmt(r.advantage, 2)}
              </span>
            </header>
            <table className="comps">
              <tbody>
                {keys.map((k) => (
                  <tr key={k}>
                    <td>{k}</td>
                    <td className="num">{fmt(r.components[k])}</td>
                  </tr>
                ))}
                <tr>
                  <td>length</td>
                  <td className="num">
                    {r.length}
                    {r.truncated ? ' ✂' : ''}
                  </td>
                </tr>
              </tbody>
            </table>
            <div>
              {r.flags.map((f) => (
                <span key={f} className="badge high">
                  {f}
                </span>
              ))}
              {!r.valid && <span className="badge warn">{r.reasonCode}</span>}
            </div>
            <FoldedResponse text={r.response.length > 4000 ? `${r.response.slice(0, 4000)}…` : r.response} />
          </li>
        ))}
      </ul>
    </section>
  )
}
