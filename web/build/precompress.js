// Writes a .gz beside every text asset of the build that gzip makes smaller, so the server sends
// compressed bytes without compressing on each request.
import { gzipSync, constants } from 'node:zlib'
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const compressible = /\.(js|mjs|css|html|svg|json|txt|map|ico)$/

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path, out)
    else out.push(path)
  }
  return out
}

export function precompress() {
  let outDir
  return {
    name: 'xuefeng-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!compressible.test(file)) continue
        const bytes = readFileSync(file)
        if (bytes.length < 1024) continue
        const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION })
        if (gz.length < bytes.length * 0.9) writeFileSync(file + '.gz', gz)
      }
    },
  }
}
