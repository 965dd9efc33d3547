// The preview runtime: classic-script (IIFE) bundles loaded by the sandboxed
// preview document, built into public/preview-runtime/ before the Remix build
// (which copies public/ into build/client/), so they are served from our own
// origin (CSP `script-src 'self'`) in production and by the Vite dev server in
// development. `runtime.js` holds React, ReactDOM, Remotion and the Player;
// each library a scene may read (src/libraries/<name>.ts*) is a bundle of its
// own that takes React, ReactDOM and Remotion from `window`, so a scene
// downloads only the libraries it reads. `npm run build:preview` runs
// preview/build.ts, which builds them all and copies the fonts.
// Classic, not module scripts: the sandboxed document has an opaque origin, so
// a module script would be a CORS request the server would have to allow.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type InlineConfig, defineConfig } from 'vite'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const previewRuntimeDir = path.join(root, 'public/preview-runtime')

function iifeConfig(entry: string, fileName: string, { emptyOutDir, shareHostModules }: { emptyOutDir: boolean; shareHostModules: boolean }): InlineConfig {
	return {
		root,
		publicDir: false,
		configFile: false,
		logLevel: 'warn',
		define: { 'process.env.NODE_ENV': JSON.stringify('production') },
		build: {
			outDir: previewRuntimeDir,
			emptyOutDir,
			// syntax of browsers from 2022 on; less down-levelling than es2020 keeps the core runtime smaller.
			target: 'es2022',
			minify: 'terser',
			terserOptions: { compress: { passes: 2 }, format: { comments: false } },
			reportCompressedSize: false,
			rollupOptions: {
				external: shareHostModules ? ['react', 'react-dom', 'remotion'] : [],
				output: shareHostModules ? { globals: { react: 'React', 'react-dom': 'ReactDOM', remotion: 'Remotion' } } : {},
				// @remotion/player marks itself "use client"; meaningless in a plain bundle.
				onwarn(warning, warn) {
					if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
				},
			},
			lib: { entry, formats: ['iife'], name: 'BazaarPreview_' + fileName.replace(/\W/g, '_'), fileName: () => fileName },
		},
	}
}

/** The core runtime; it empties the folder first. */
export const coreRuntimeConfig = iifeConfig(path.join(root, 'preview/src/runtime.tsx'), 'runtime.js', { emptyOutDir: true, shareHostModules: false })

/** One library bundle (`src/libraries/<bundle>.ts` or `.tsx` → `<bundle>.js`). */
export function libraryBundleConfig(bundle: string, entry: string) {
	return iifeConfig(entry, `${bundle}.js`, { emptyOutDir: false, shareHostModules: true })
}

export default defineConfig(coreRuntimeConfig)
