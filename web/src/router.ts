import { useEffect, useState } from 'react'

/** Hash routes (`#/runs/1/groups/4`): the server serves one file, and links work without a fallback route. */
const read = (): string[] => window.location.hash.replace(/^#\/?/, '').split('?')[0]?.split('/').filter(Boolean) ?? []

export function useRoute(): string[] {
  const [route, setRoute] = useState(read)
  useEffect(() => {
    const on = () => setRoute(read())
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return route
}

/** The query part of the hash (`#/runs/1/explore?q=x`). */
export function hashQuery(): URLSearchParams {
  const h = window.location.hash
  const i = h.indexOf('?')
  return new URLSearchParams(i < 0 ? '' : h.slice(i + 1))
}

export function go(path: string): void {
  window.location.hash = path
}
