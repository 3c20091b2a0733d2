import { useEffect, useState } from 'react'

/**
 * j/k (or ↓/↑) move through `count` rows, Enter opens the selected one; ignored while typing in a field.
 * Returns the selected index.
 */
export function useListKeys(count: number, open: (i: number) => void): [number, (i: number) => void] {
  const [sel, setSel] = useState(0)
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return
      if (e.key === 'j' || e.key === 'ArrowDown') {
        setSel((s) => Math.min(count - 1, s + 1))
        e.preventDefault()
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        setSel((s) => Math.max(0, s - 1))
        e.preventDefault()
      } else if (e.key === 'Enter' && count > 0 && (!t || t === document.body)) open(sel)
    }
    window.addEventListener('keydown', on)
    return () => window.removeEventListener('keydown', on)
  }, [count, open, sel])
  useEffect(() => {
    document.querySelector(`[data-row="${sel}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [sel])
  return [sel, setSel]
}
