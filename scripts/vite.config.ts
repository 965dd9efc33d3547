// Compiles the scheduled scripts to plain JavaScript (build/scripts/*.js) so a
// scheduler runs them with node alone: no TypeScript loader compiling the app's
// modules at every start (docs/events.md, docs/performance.md). Packages stay
// imports of node_modules; only our own modules are bundled.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export default defineConfig({
	root,
	publicDir: false,
	logLevel: 'warn',
	build: {
		ssr: true,
		outDir: path.join(root, 'build/scripts'),
		emptyOutDir: true,
		target: 'node20',
		minify: false,
		reportCompressedSize: false,
		rollupOptions: {
			input: { 'aggregate-metrics': path.join(root, 'scripts/aggregate-metrics.ts') },
			output: { format: 'esm', entryFileNames: '[name].js' },
		},
	},
})
