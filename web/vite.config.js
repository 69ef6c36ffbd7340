// Vite builds the UI into XUEFENG_WEB_OUT (the CMake build sets it; default dist/), which the xuefeng
// binary embeds. Element Plus is imported on demand: only the components a page uses are bundled.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath } from 'node:url'
import { precompress } from './build/precompress.js'

const outDir = process.env.XUEFENG_WEB_OUT || 'dist'

export default defineConfig({
  plugins: [
    vue(),
    AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
    Components({ resolvers: [ElementPlusResolver()], dts: false }),
    precompress(),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir,
    emptyOutDir: true,
    // Hashed names under assets/ are what the server caches for a year.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Charts are large and only the workbench and reviews need them: their own chunk, loaded with
        // those pages, so the login page does not pay for them.
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts'
          return undefined
        },
      },
    },
  },
  server: {
    // `npm run dev` against `xuefeng serve` (XUEFENG_API, default http://127.0.0.1:8080). The Host header is
    // kept, so the API's CSRF check sees the same origin as the browser's Origin.
    proxy: { '/api': { target: process.env.XUEFENG_API || 'http://127.0.0.1:8080', changeOrigin: false } },
  },
})
