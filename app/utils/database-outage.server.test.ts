/**
 * A route's loader that meets a connection error while the database already
 * answers again is run once more; an action never is; while the database is
 * still away, both are 503 with Retry-After. Runs against the test database
 * (it answers), with errors shaped as postgres.js throws them.
 */
import { describe, expect, test } from 'vitest'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { answeringDatabaseOutages } from './database-outage.server.ts'

useTestDatabase()

const connectionClosed = () => Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' })

function failingOnce() {
	let runs = 0
	return {
		get runs() {
			return runs
		},
		run: async () => {
			runs += 1
			if (runs === 1) throw connectionClosed()
			return 'the page'
		},
	}
}

describe('a connection error as the database comes back', () => {
	test('a loader is run again and answers', async () => {
		const loader = failingOnce()
		await expect(answeringDatabaseOutages(loader.run, 'page', { retryWhenBack: true })({})).resolves.toBe('the page')
		expect(loader.runs).toBe(2)
	})

	test('an action is not run again: 503 with Retry-After', async () => {
		const action = failingOnce()
		const answer = await answeringDatabaseOutages(action.run, 'api')({}).catch((thrown: unknown) => thrown)
		expect(answer).toBeInstanceOf(Response)
		expect((answer as Response).status).toBe(503)
		expect((answer as Response).headers.get('Retry-After')).toBe('5')
		expect(action.runs).toBe(1)
	})

	test('a loader that fails again is a 503, run twice at most', async () => {
		let runs = 0
		const loader = async () => {
			runs += 1
			throw connectionClosed()
		}
		const answer = await answeringDatabaseOutages(loader, 'api', { retryWhenBack: true })({}).catch((thrown: unknown) => thrown)
		expect((answer as Response).status).toBe(503)
		expect(runs).toBe(2)
	})

	test('any other error is not retried', async () => {
		let runs = 0
		const loader = async () => {
			runs += 1
			throw new Error('a bug')
		}
		await expect(answeringDatabaseOutages(loader, 'page', { retryWhenBack: true })({})).rejects.toThrow('a bug')
		expect(runs).toBe(1)
	})
})
