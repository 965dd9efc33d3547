// Compiles the scheduled scripts to plain JavaScript (build/scripts/*.js) so a
// scheduler runs them with node alone: no TypeScript loader compiling the app's
// modules at every start (docs/events.md, docs/performance.md). The server
// entry's settings (server/vite.config.ts), other inputs, and the
// pure-JavaScript packages bundled in.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, mergeConfig, type UserConfig } from 'vite'
import serverEntryConfig from '../server/vite.config.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const inherited = mergeConfig(serverEntryConfig, { build: { outDir: path.join(root, 'build/scripts') } }) as UserConfig

export default defineConfig({
	...inherited,
	// Bundled, node reads one file instead of resolving and compiling hundreds of modules
	// (drizzle-orm, zod): that was most of the script's start, 0.2 s of every run.
	ssr: { noExternal: ['drizzle-orm', 'zod', 'postgres'] },
	build: {
		...inherited.build,
		rollupOptions: {
			...inherited.build?.rollupOptions,
			// Replaced, not merged: merged, the server's entries (index, worker) were built here too, and
			// the chunks the script shared with them made it load what only the server needs (Remix).
			input: { 'aggregate-metrics': path.join(root, 'scripts/aggregate-metrics.ts') },
			output: { format: 'esm', entryFileNames: '[name].js' },
			onwarn(warning, warn) {
				// zod's sources carry comments Rollup cannot place, and it says so for every bundle.
				if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return
				warn(warning)
			},
		},
	},
})
