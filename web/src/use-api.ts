import { useEffect, useState } from 'react'
import { api } from './api.js'

/** Fetches `path` (again whenever it changes); `null` path fetches nothing. */
export function useApi<T>(path: string | null): { data: T | undefined; error: string | undefined; loading: boolean } {
  const [state, setState] = useState<{ data: T | undefined; error: string | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: path !== null,
  })
  useEffect(() => {
    if (path === null) return
    let live = true
    setState((s) => ({ ...s, loading: true }))
    api<T>(path).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (e: Error) => live && setState({ data: undefined, error: e.message, loading: false }),
    )
    return () => {
      live = false
    }
  }, [path])
  return state
}
