// `npm run bench:widget-size`: the widget bundle's size, raw and compressed,
// against its budget (15 KB gzip). Builds the widget first when it is missing
// (or always with --build). Exits 1 when the bundle is over budget.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bundlePath = path.join(root, 'build/widget/bazaar-community.js')
const BUDGET_GZIP_BYTES = 15 * 1024

if (process.argv.includes('--build') || !existsSync(bundlePath)) {
	const built = spawnSync('npx', ['vite', 'build', '-c', 'widget/vite.config.ts'], { cwd: root, stdio: 'inherit' })
	if (built.status !== 0) process.exit(built.status ?? 1)
}

const code = readFileSync(bundlePath)
const gzip = gzipSync(code, { level: 9 }).length
const gzipDefault = gzipSync(code).length
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`.padStart(9)
const manifest = JSON.parse(readFileSync(path.join(root, 'build/widget/manifest.json'), 'utf8'))

console.log(`widget bundle ${path.relative(root, bundlePath)} (${manifest.file})`)
console.log(`  raw              ${kb(code.length)}  (${code.length} bytes)`)
console.log(`  gzip -9          ${kb(gzip)}  (${gzip} bytes)`)
console.log(`  gzip (default)   ${kb(gzipDefault)}  (${gzipDefault} bytes, what the server's compression sends)`)
console.log(`  brotli -11       ${kb(brotli)}  (${brotli} bytes)`)
console.log(`  budget           ${kb(BUDGET_GZIP_BYTES)}  gzip: ${((gzipDefault / BUDGET_GZIP_BYTES) * 100).toFixed(0)}% used, ${kb(BUDGET_GZIP_BYTES - gzipDefault).trim()} left`)
if (gzipDefault > BUDGET_GZIP_BYTES) {
	console.error(`Over budget by ${gzipDefault - BUDGET_GZIP_BYTES} bytes`)
	process.exit(1)
}
