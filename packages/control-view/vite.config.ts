import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway at `/` with relative API URLs, so one build works behind any host.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Vite's default (500 kB): a chunk past it is a regression worth a warning again.
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: {
        // Vendors in chunks of their own, so an app change does not re-download them and
        // the pages (lazy, views/lazy-pages.tsx) stay small. ECharts and its renderer
        // zrender are the bulk (two chunks, fetched in parallel, each under the warning
        // limit); React rarely changes; the rest (i18next, socket.io) together.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /[\\/]node_modules[\\/]echarts[\\/]/, priority: 30 },
            { name: 'zrender', test: /[\\/]node_modules[\\/]zrender[\\/]/, priority: 40 },
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
