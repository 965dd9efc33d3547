// The preview runtime: one classic-script (IIFE) bundle with React, Remotion and
// @remotion/player, loaded by the sandboxed preview document. It is built into
// public/preview-runtime/ before the Remix build, which copies public/ into
// build/client/, so it is served from our own origin (CSP `script-src 'self'`)
// in production and by the Vite dev server in development.
// Classic, not a module script: the sandboxed document has an opaque origin, so
// a module script would be a CORS request the server would have to allow.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export default defineConfig({
	root,
	publicDir: false,
	define: { 'process.env.NODE_ENV': JSON.stringify('production') },
	build: {
		outDir: path.join(root, 'public/preview-runtime'),
		emptyOutDir: true,
		target: 'es2020',
		minify: 'esbuild',
		reportCompressedSize: false,
		rollupOptions: {
			// @remotion/player marks itself "use client"; meaningless in a plain bundle.
			onwarn(warning, warn) {
				if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
			},
		},
		lib: {
			entry: path.join(root, 'preview/src/runtime.tsx'),
			formats: ['iife'],
			name: 'BazaarPreviewRuntime',
			fileName: () => 'runtime.js',
		},
	},
})
