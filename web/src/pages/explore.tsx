import { type FormEvent, useCallback, useState } from 'react'
import { fmt, type RolloutRow, type RunInfo } from '../api.js'
import { useListKeys } from '../components/keys.js'
import { go, hashQuery } from '../router.js'
import { useApi } from '../use-api.js'

const FIELDS = [
  'step',
  'task',
  'q',
  'minLength',
  'maxLength',
  'invalid',
  'truncated',
  'zeroVariance',
  'finding',
  'ckey',
  'cmin',
  'cmax',
] as const
type Field = (typeof FIELDS)[number]

/** The API query for the form's fields (a component range becomes `range=key:min:max`). */
function apiQuery(f: Partial<Record<Field, string>>, offset: number): string {
  const p = new URLSearchParams()
  for (const k of FIELDS) if (f[k] && !k.startsWith('c')) p.set(k, f[k] as string)
  if (f.ckey && (f.cmin || f.cmax)) p.append('range', `${f.ckey}:${f.cmin ?? ''}:${f.cmax ?? ''}`)
  p.set('limit', '50')
  p.set('offset', String(offset))
  return p.toString()
}

export function ExplorePage({ runId }: { runId: number }) {
  const initial = Object.fromEntries(FIELDS.map((k) => [k, hashQuery().get(k) ?? ''])) as Record<Field, string>
  const [form, setForm] = useState(initial)
  const [applied, setApplied] = useState(initial)
  const [offset, setOffset] = useState(0)
  const run = useApi<RunInfo>(`api/runs/${runId}`).data
  const { data, error, loading } = useApi<{ total: number; rows: RolloutRow[] }>(
    `api/runs/${runId}/rollouts?${apiQuery(applied, offset)}`,
  )
  const rows = data?.rows ?? []
  const open = useCallback((i: number) => rows[i] && go(`/groups/${rows[i].groupId}?rollout=${rows[i].id}`), [rows])
  const [sel] = useListKeys(rows.length, open)
  const keys = (run?.componentKeys ?? []).filter((k) => !k.includes('.'))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setOffset(0)
    setApplied(form)
    const q = new URLSearchParams(Object.entries(form).filter(([, v]) => v)).toString()
    history.replaceState(null, '', `#/runs/${runId}/explore${q ? `?${q}` : ''}`)
  }
  const set = (k: Field) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value })
  const tri = (k: Field, label: string) => (
    <label>
      {label}
      <select value={form[k]} onChange={set(k)} name={k}>
        <option value="">any</option>
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    </label>
  )
  return (
    <section>
      <h1>
        Explore <span className="muted small">{run?.name}</span>
      </h1>
      <form className="filters" onSubmit={submit} aria-label="filters">
        <label>
          search
          <input type="search" name="q" value={form.q} onChange={set('q')} placeholder="text in the response  ( / )" />
        </label>
        <label>
          step
          <input name="step" inputMode="numeric" size={4} value={form.step} onChange={set('step')} />
        </label>
        <label>
          task
          <input name="task" size={8} value={form.task} onChange={set('task')} />
        </label>
        <label>
          component
          <select name="ckey" value={form.ckey} onChange={set('ckey')}>
            <option value="">–</option>
            <option value="score">score</option>
            {keys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          min
          <input name="cmin" size={4} value={form.cmin} onChange={set('cmin')} />
        </label>
        <label>
          max
          <input name="cmax" size={4} value={form.cmax} onChange={set('cmax')} />
        </label>
        <label>
          length ≥
          <input name="minLength" size={5} value={form.minLength} onChange={set('minLength')} />
        </label>
        <label>
          ≤
          <input name="maxLength" size={5} value={form.maxLength} onChange={set('maxLength')} />
        </label>
        {tri('invalid', 'invalid')}
        {tri('truncated', 'truncated')}
        {tri('zeroVariance', 'zero-var')}
        {form.finding && (
          <label>
            finding
            <input name="finding" size={4} value={form.finding} onChange={set('finding')} />
          </label>
        )}
        <button type="submit">Filter</button>
      </form>
      {error && <p className="error">{error}</p>}
      <p className="muted small" aria-live="polite">
        {loading ? 'loading…' : `${data?.total ?? 0} rollouts match`} · j/k to move, Enter to open the group
      </p>
      <table className="rows" aria-label="rollouts">
        <thead>
          <tr>
            <th className="num">step</th>
            <th>task</th>
            <th className="num">score</th>
            {keys.map((k) => (
              <th key={k} className="num">
                {k}
              </th>
            ))}
            <th className="num">length</th>
            <th>flags</th>
            <th>response</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id} data-row={i} className={`${i === sel ? 'sel' : ''} ${r.valid ? '' : 'invalid'}`}>
              <td className="num">{r.step}</td>
              <td>{r.task}</td>
              <td className="num">
                <a href={`#/groups/${r.groupId}?rollout=${r.id}`}>{fmt(r.score)}</a>
              </td>
              {keys.map((k) => (
                <td key={k} className="num">
                  {fmt(r.components[k])}
                </td>
              ))}
              <td className="num">
                {r.length}
                {r.truncated ? ' ✂' : ''}
              </td>
              <td>
                {r.flags.map((f) => (
                  <span key={f} className="badge high">
                    {f}
                  </span>
                ))}
                {!r.valid && <span className="badge warn">{r.reasonCode ?? 'invalid'}</span>}
              </td>
              <td className="snippet">{r.snippet}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 50))}>
          ← previous
        </button>
        <span className="muted small">
          {offset + 1}–{offset + rows.length} of {data?.total ?? 0}
        </span>
        <button
          type="button"
          disabled={offset + rows.length >= (data?.total ?? 0)}
          onClick={() => setOffset(offset + 50)}
        >
          next →
        </button>
      </div>
    </section>
  )
}
