import { createServer, type AddressInfo, type Socket } from 'node:net'
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

	async function withDatabaseAt(url: string, check: () => Promise<void>) {
		const savedUrl = process.env.DATABASE_URL
		await closeDatabase()
		process.env.DATABASE_URL = url
		resetEnvCache()
		try {
			await check()
		} finally {
			await closeDatabase()
			if (savedUrl === undefined) delete process.env.DATABASE_URL
			else process.env.DATABASE_URL = savedUrl
			resetEnvCache()
		}
	}

	async function expectUnavailable() {
		const response = await loader()
		expect(response.status).toBe(503)
		expect(response.headers.get('Retry-After')).toBe('5')
		const body = await response.json()
		expect(body.status).toBe('unavailable')
		return body
	}

	test('503 with Retry-After when nothing listens at the database address', async () => {
		await withDatabaseAt('postgres://postgres@127.0.0.1:9/unreachable', async () => {
			await expectUnavailable()
		})
	})

	test('503 when the database accepts the connection and never answers: the check gives up on its own', async () => {
		// A load balancer in front of the database whose backend hangs: the TCP connection opens, no byte comes back.
		const sockets = new Set<Socket>()
		const silent = createServer((socket) => sockets.add(socket))
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
		const { port } = silent.address() as AddressInfo
		try {
			await withDatabaseAt(`postgres://postgres@127.0.0.1:${port}/silent`, async () => {
				const body = await expectUnavailable()
				expect(JSON.stringify(body)).toMatch(/no answer within/)
				// Hang up before the pool is closed, which would otherwise wait for the silent connection.
				for (const socket of sockets) socket.destroy()
			})
		} finally {
			for (const socket of sockets) socket.destroy()
			await new Promise((resolve) => silent.close(resolve))
		}
	})
})
