import { vitePlugin as remix } from '@remix-run/dev'
import { type Plugin, defineConfig } from 'vite'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

/**
 * A font load is a CORS request, and the sandboxed preview document's origin
 * is opaque ("null"): the dev server answers the self-hosted scene fonts with
 * the same header server.mjs sends in production.
 */
const previewFontsCors: Plugin = {
	name: 'preview-fonts-cors',
	configureServer(server) {
		server.middlewares.use('/preview-fonts', (_request, response, next) => {
			response.setHeader('Access-Control-Allow-Origin', '*')
			next()
		})
	},
}

export default defineConfig({
	server: { port: 3000 },
	build: { target: 'es2022' },
	plugins: [
		previewFontsCors,
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
})
