// `npm run build:compress` (part of `npm run build`): a gzip copy of every
// fingerprinted browser asset (build/client/assets/*.{js,css,svg}), made once
// with zopfli, which finds a smaller encoding of the same gzip format than a
// server compressing per request can afford (the gallery's JavaScript: 84.1
// KiB instead of 86.8). The server sends these copies to browsers that accept
// gzip (express-static-gzip in server/index.ts); the others get the file itself.
import fs from 'node:fs'
import path from 'node:path'
import { gzipAsync } from '@gfx/zopfli'

const folder = path.resolve(import.meta.dirname, '../build/client/assets')
const COMPRESSIBLE = /\.(js|css|svg|json)$/
/** Below this a gzip copy saves nothing worth a request header. */
const MIN_BYTES = 1024

const started = performance.now()
let before = 0
let after = 0
let count = 0
const files = fs.readdirSync(folder).filter((name) => COMPRESSIBLE.test(name))
// A few at a time: zopfli is CPU-bound, and the machine has few cores.
const queue = [...files]
async function work() {
	for (let name = queue.shift(); name; name = queue.shift()) {
		const source = fs.readFileSync(path.join(folder, name))
		if (source.byteLength < MIN_BYTES) continue
		const compressed = await gzipAsync(source, { numiterations: 15 })
		fs.writeFileSync(path.join(folder, `${name}.gz`), compressed)
		before += source.byteLength
		after += compressed.byteLength
		count += 1
	}
}
await Promise.all(Array.from({ length: 2 }, work))
console.log(`Compressed ${count} assets: ${(before / 1024).toFixed(0)} KiB → ${(after / 1024).toFixed(0)} KiB gzip in ${((performance.now() - started) / 1000).toFixed(1)} s`)
