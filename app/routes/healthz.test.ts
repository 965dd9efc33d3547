import { describe, expect, test } from 'vitest'
import { closeDatabase } from '#app/db/client.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { loader } from './healthz.ts'

useTestDatabase()

describe('GET /healthz', () => {
	test('200 with the database state when it answers', async () => {
		const response = await loader()
		expect(response.status).toBe(200)
		const body = await response.json()
		expect(body).toMatchObject({ status: 'ok', database: { ok: true } })
		expect(['pglite', 'postgres']).toContain(body.database.kind)
	})

	test('503, quickly, when the database is unreachable', async () => {
		const savedUrl = process.env.DATABASE_URL
		await closeDatabase()
		process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:9/unreachable'
		resetEnvCache()
		try {
			const started = performance.now()
			const response = await loader()
			expect(response.status).toBe(503)
			expect(response.headers.get('Retry-After')).toBe('5')
			expect((await response.json()).status).toBe('unavailable')
			expect(performance.now() - started).toBeLessThan(5000)
		} finally {
			await closeDatabase()
			if (savedUrl === undefined) delete process.env.DATABASE_URL
			else process.env.DATABASE_URL = savedUrl
			resetEnvCache()
		}
	})
})
