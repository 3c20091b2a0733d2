import { StrictMode, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { DashboardPage } from './pages/dashboard.js'
import { ExplorePage } from './pages/explore.js'
import { GroupPage } from './pages/group.js'
import { PromptPage } from './pages/prompt.js'
import { RescorePage } from './pages/rescore.js'
import { RolloutPage } from './pages/rollout.js'
import { RunsPage } from './pages/runs.js'
import { useRoute } from './router.js'
import './styles.css'

function Page({ route }: { route: string[] }) {
  const [a, b, c] = route
  const n = Number(b)
  if (a === 'runs' && b && c === 'explore') return <ExplorePage key={window.location.hash} runId={n} />
  if (a === 'runs' && b && c === 'rescore') return <RescorePage runId={n} />
  if (a === 'runs' && b) return <DashboardPage runId={n} />
  if (a === 'groups' && b) return <GroupPage groupId={n} />
  if (a === 'rollouts' && b) return <RolloutPage rolloutId={n} />
  if (a === 'prompts' && b) return <PromptPage promptId={n} />
  return <RunsPage />
}

function App() {
  const route = useRoute()
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')
      if (e.key === 'Escape' && !typing) history.back()
      if (e.key === '/' && !typing) {
        const search = document.querySelector<HTMLInputElement>('input[type=search]')
        if (search) {
          e.preventDefault()
          search.focus()
        }
      }
    }
    window.addEventListener('keydown', on)
    return () => window.removeEventListener('keydown', on)
  }, [])
  const path = route.join('/')
  useEffect(() => {
    if (path !== undefined) window.scrollTo(0, 0)
  }, [path])
  return (
    <>
      <header className="top">
        <a href="#/" className="brand">
          Sightline <span>inspector</span>
        </a>
        <span className="muted small">j/k move · Enter open · Esc back · / search</span>
      </header>
      <main>
        <Page route={route} />
      </main>
    </>
  )
}

const root = document.getElementById('root')
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
