// Compiles the server entry (server/index.ts, server/worker.ts and the modules beside them) to
// plain JavaScript for production: build/server-entry/index.js, which
// `npm start` runs with node (no TypeScript loader at run time). Packages stay
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
		outDir: path.join(root, 'build/server-entry'),
		emptyOutDir: true,
		target: 'node20',
		minify: false,
		reportCompressedSize: false,
		// The web server and the render worker (`npm run worker`).
		rollupOptions: {
			input: { index: path.join(root, 'server/index.ts'), worker: path.join(root, 'server/worker.ts') },
			output: { format: 'esm', entryFileNames: '[name].js' },
		},
	},
})
