import { defineConfig } from 'vitest/config'

// `npm run test:faults`: the fault tests (tests/faults/*.fault-test.ts). They start
// their own PostgreSQL cluster, app processes and load, so they run one file at a
// time, in their own run (npm test runs them after the main suite).
export default defineConfig({
	test: {
		include: ['tests/faults/**/*.fault-test.ts'],
		pool: 'forks',
		fileParallelism: false,
		testTimeout: 180_000,
		hookTimeout: 180_000,
	},
})
