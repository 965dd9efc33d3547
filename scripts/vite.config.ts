// Compiles the scheduled scripts to plain JavaScript (build/scripts/*.js) so a
// scheduler runs them with node alone: no TypeScript loader compiling the app's
// modules at every start (docs/events.md, docs/performance.md). The same
// settings as the server entry's (server/vite.config.ts), other inputs.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { mergeConfig } from 'vite'
import serverEntryConfig from '../server/vite.config.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export default mergeConfig(serverEntryConfig, {
	build: {
		ssr: true,
		outDir: path.join(root, 'build/scripts'),
		rollupOptions: {
			input: { 'aggregate-metrics': path.join(root, 'scripts/aggregate-metrics.ts') },
			output: { entryFileNames: '[name].js' },
		},
	},
})
