/**
 * The widget's own library build: one minified ES module, no framework.
 * Output in build/widget/:
 *   bazaar-community.js              the stable name (served at /widget/v1/bazaar-community.js, short cache + ETag)
 *   bazaar-community.<hash>.js       the same bytes under a content hash (served immutable, cached for a year)
 *   manifest.json                    { file, hash, integrity, bytes } read by the route that serves both
 * Runs after the app's build (which empties build/), see `npm run build`.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'

const root = path.dirname(fileURLToPath(import.meta.url))
const outDir = path.resolve(root, '../build/widget')
const NAME = 'bazaar-community'

function contentHashedCopy(): Plugin {
	return {
		name: 'bazaar-widget-content-hash',
		writeBundle() {
			const bytes = readFileSync(path.join(outDir, `${NAME}.js`))
			const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12)
			const file = `${NAME}.${hash}.js`
			writeFileSync(path.join(outDir, file), bytes)
			const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`
			writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify({ file, hash, integrity, bytes: bytes.length }, null, 2)}\n`)
		},
	}
}

export default defineConfig({
	root,
	publicDir: false,
	logLevel: 'warn',
	build: {
		outDir,
		emptyOutDir: true,
		target: 'es2022',
		minify: 'esbuild',
		sourcemap: false,
		lib: {
			entry: path.join(root, 'src/define.ts'),
			formats: ['es'],
			fileName: () => `${NAME}.js`,
		},
	},
	plugins: [contentHashedCopy()],
})
