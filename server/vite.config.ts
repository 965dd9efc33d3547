// Compiles the server entry (server/index.ts and the modules beside it) to
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
		ssr: path.join(root, 'server/index.ts'),
		outDir: path.join(root, 'build/server-entry'),
		emptyOutDir: true,
		target: 'node20',
		minify: false,
		reportCompressedSize: false,
		rollupOptions: { output: { format: 'esm', entryFileNames: 'index.js' } },
	},
})
