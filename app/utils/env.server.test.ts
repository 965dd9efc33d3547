import { describe, expect, test } from 'vitest'
import { parseEnv } from './env.server.ts'

describe('configuration', () => {
	test('defaults follow docs/architecture.md', () => {
		const env = parseEnv({})
		expect(env).toMatchObject({
			PORT: 3000,
			PGLITE_DATA_DIR: '.data/pglite',
			BAZAAR_APP_URL: 'http://localhost:3001',
			WIDGET_ALLOWED_ORIGINS: [],
			RATE_LIMIT_MULTIPLIER: 1,
			PAGE_CACHE_SECONDS: 10,
			TRUST_PROXY: false,
			embeddedDatabase: true,
			isProduction: false,
			demoLoginEnabled: true,
			githubEnabled: false,
		})
	})

	test('production on a real database refuses to start without secrets', () => {
		expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toThrow(
			/SESSION_SECRET and BAZAAR_SIGNING_SECRET/,
		)
		const env = parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', SESSION_SECRET: 's', BAZAAR_SIGNING_SECRET: 'b' })
		expect(env.isProduction).toBe(true)
		expect(env.demoLoginEnabled).toBe(false)
		expect(parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', SESSION_SECRET: 's', BAZAAR_SIGNING_SECRET: 'b', AUTH_DEMO_LOGIN: '1' }).demoLoginEnabled).toBe(true)
	})

	test('the embedded-database demo runs a production build with demo sign-in', () => {
		const env = parseEnv({ NODE_ENV: 'production' })
		expect(env.isProduction).toBe(false)
		expect(env.demoLoginEnabled).toBe(true)
	})

	test('bad values are named in the error', () => {
		expect(() => parseEnv({ RATE_LIMIT_MULTIPLIER: '0' })).toThrow(/RATE_LIMIT_MULTIPLIER/)
		expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
		expect(() => parseEnv({ PAGE_CACHE_SECONDS: '-1' })).toThrow(/PAGE_CACHE_SECONDS/)
		expect(() => parseEnv({ PAGE_CACHE_SECONDS: '2.5' })).toThrow(/PAGE_CACHE_SECONDS/)
		expect(parseEnv({ PAGE_CACHE_SECONDS: '0' }).PAGE_CACHE_SECONDS).toBe(0)
		expect(() => parseEnv({ BAZAAR_AVATARS_DIR: '/no/such/avatars' })).toThrow(/BAZAAR_AVATARS_DIR: no such directory/)
		expect(parseEnv({ BAZAAR_AVATARS_DIR: '.' }).BAZAAR_AVATARS_DIR).toBe(process.cwd())
		expect(parseEnv({ WIDGET_ALLOWED_ORIGINS: 'http://a.test, http://b.test/' }).WIDGET_ALLOWED_ORIGINS).toEqual(['http://a.test', 'http://b.test'])
	})
})
