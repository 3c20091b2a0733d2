import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The inspector UI: built into web/dist by `npm run build`, served by `sightline serve --db` at `/`; no CDN.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
})
