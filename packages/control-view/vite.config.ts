import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway at `/` with relative API URLs, so one build works behind any host.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
