import { formatReason, type RewardReason } from '../../../src/core/reason.js'
import { fmt, type GroupView, type RolloutDetail } from '../api.js'
import { ImageOverlay } from '../components/image-overlay.js'
import { FoldedResponse } from '../components/response.js'
import { useApi } from '../use-api.js'
import { promptText } from './group.js'

type Full = RolloutDetail & {
  group: GroupView
  rescores: {
    id: number
    createdAt: string
    score: number
    components: Record<string, number>
    reasonCode: string | null
  }[]
}

export function RolloutPage({ rolloutId }: { rolloutId: number }) {
  const { data: r, error } = useApi<Full>(`api/rollouts/${rolloutId}`)
  if (error) return <p className="error">{error}</p>
  if (!r) return <p className="muted">loading…</p>
  const g = r.group
  return (
    <section>
      <h1>
        Rollout #{r.index}{' '}
        <span className="muted small">
          step {r.step} · group {g.uid} · {r.task ?? ''}
        </span>
      </h1>
      <nav className="tabs">
        <a href={`#/groups/${g.id}?rollout=${r.id}`}>its group</a>
        <a href={`#/prompts/${g.promptId}`}>this prompt across steps</a>
        <a href={`#/runs/${g.runId}`}>run dashboard</a>
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
                predicted={i === 0 ? [r.predicted] : undefined}
                maxWidth={560}
              />
            ))}
        </div>
        <div className="prompt">
          <p>
            score <b className="score">{fmt(r.score)}</b> · advantage {fmt(r.advantage, 3)} ·{' '}
            {r.valid ? 'valid' : 'invalid'} · {r.reason ? formatReason(r.reason as RewardReason) : 'no reason recorded'}
          </p>
          <table className="comps">
            <tbody>
              {Object.entries(r.components).map(([k, v]) => (
                <tr key={k}>
                  <td>{k}</td>
                  <td className="num">{fmt(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.findings.length > 0 && (
            <ul>
              {r.findings.map((f) => (
                <li key={f.id}>
                  <span className="badge high">{f.detector}</span> {f.summary}
                </li>
              ))}
            </ul>
          )}
          {r.rescores.length > 0 && (
            <>
              <h2>Re-scored</h2>
              <table className="comps">
                <tbody>
                  {r.rescores.map((x) => (
                    <tr key={x.id}>
                      <td>re-score {x.id}</td>
                      <td className="num">
                        {fmt(r.score)} → <b>{fmt(x.score)}</b>
                      </td>
                      <td className="muted">{x.reasonCode}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <h2>Prompt</h2>
          <pre>{promptText(g.prompt)}</pre>
        </div>
      </div>
      <h2>Response</h2>
      <FoldedResponse text={r.response} open />
    </section>
  )
}
