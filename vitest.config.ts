import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		include: ['app/**/*.test.{ts,tsx}', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
		globalSetup: ['tests/setup/global-database.ts'],
		pool: 'forks',
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// Each file may open its own embedded database (hundreds of MB): two at a time on this 2-core machine.
		maxWorkers: 2,
		minWorkers: 1,
	},
})
