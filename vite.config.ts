import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

/**
 * How the browser's code is split into files. Left to Rollup, the gallery
 * loaded ten: the framework in a chunk named after whichever module came
 * first, Remix's browser entry in entry.client, and six app modules of
 * 0.2-1.1 KiB, each with its own gzip frame and import lines. Now the
 * framework (React, React Router, Remix) is one file that changes only when
 * a dependency does, and the small modules nearly every page imports are one
 * more: 1.9 KiB (gzip) less for the gallery, whose JavaScript is limited to
 * 85 KB (docs/performance.md).
 */
const FRAMEWORK_MODULES = /\/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run\/[^/]+|turbo-stream)\//
const SHARED_APP_MODULES = /\/app\/(components\/(Icon|FormatGlyphs)\.tsx|utils\/(format|page-urls|share-meta|template-filters)\.ts|vocabulary\.ts)$/
function browserChunk(id: string) {
	if (FRAMEWORK_MODULES.test(id)) return 'framework'
	if (SHARED_APP_MODULES.test(id)) return 'shared'
	return undefined
}

export default defineConfig(({ isSsrBuild }) => ({
	server: { port: 3000 },
	build: {
		target: 'es2022',
		// The browser's bundles: terser (three passes, top-level names mangled) makes the
		// gallery's JavaScript 5.6 KiB (gzip) smaller than esbuild does (docs/performance.md).
		// React Router's `warning` calls are development advice (a route path with a
		// stray `*`, a blocker on POP) that its own production builds leave out: 0.6 KiB.
		// The server's build stays unminified, for readable stack traces.
		...(isSsrBuild
			? {}
			: {
					minify: 'terser' as const,
					terserOptions: { module: true, compress: { passes: 3, pure_getters: true, ecma: 2020 as const, pure_funcs: ['warning', 'warningOnce'] }, mangle: { toplevel: true }, format: { comments: false, ecma: 2020 as const } },
					rollupOptions: { output: { manualChunks: browserChunk } },
				}),
	},
	plugins: [
		remix({
			ignoredRouteFiles: ['**/*.test.{ts,tsx}', '**/.*'],
			future: {
				v3_fetcherPersist: true,
				v3_relativeSplatPath: true,
				v3_throwAbortReason: true,
				v3_singleFetch: true,
				v3_lazyRouteDiscovery: true,
			},
		}),
	],
}))
