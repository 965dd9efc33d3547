/**
 * Gives a test file its own real database: a fresh PostgreSQL database cloned
 * from the migrated template when DATABASE_URL is set, otherwise an in-memory
 * PGlite, migrated. The app's `db` points at it for the whole file.
 *
 *   const database = useTestDatabase()            // in the file's top level
 *   test('…', async () => { await database.seed() })
 */
import postgres from 'postgres'
import { afterAll, beforeAll, inject } from 'vitest'
import { closeDatabase, db } from '#app/db/client.server.ts'
import { migrateDatabase } from '#app/db/migrate.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { uniqueTestDatabaseName, withDatabaseName } from './database-names.ts'

export const serverDatabaseUrl = process.env.DATABASE_URL

/** Creates an empty PostgreSQL database (not migrated) and returns its URL and a drop function. */
export async function createEmptyPostgresDatabase(prefix = 'bazaar_scratch') {
	if (!serverDatabaseUrl) throw new Error('createEmptyPostgresDatabase needs DATABASE_URL')
	const name = uniqueTestDatabaseName(prefix)
	const admin = postgres(serverDatabaseUrl, { max: 1, onnotice: () => {} })
	await admin.unsafe(`CREATE DATABASE "${name}"`)
	return {
		url: withDatabaseName(serverDatabaseUrl, name),
		drop: async () => {
			await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
			await admin.end()
		},
	}
}

async function seedDemo() {
	const { seedDemoContent } = await import('#app/db/seed.server.ts')
	return seedDemoContent()
}

/**
 * `beforeMigrations` starts from an empty database instead of the migrated
 * template and runs before our migrations (to build what another app made first).
 */
export function useTestDatabase({ seed = false, beforeMigrations }: { seed?: boolean; beforeMigrations?: (database: typeof db) => Promise<void> } = {}) {
	let dropDatabase: (() => Promise<void>) | undefined
	beforeAll(async () => {
		const templateUrl = inject('templateDatabaseUrl')
		if (beforeMigrations && serverDatabaseUrl) {
			const scratch = await createEmptyPostgresDatabase('bazaar_test')
			process.env.DATABASE_URL = scratch.url
			dropDatabase = scratch.drop
		} else if (templateUrl && serverDatabaseUrl) {
			const name = uniqueTestDatabaseName()
			const admin = postgres(serverDatabaseUrl, { max: 1, onnotice: () => {} })
			await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${new URL(templateUrl).pathname.slice(1)}"`)
			process.env.DATABASE_URL = withDatabaseName(serverDatabaseUrl, name)
			dropDatabase = async () => {
				await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
				await admin.end()
			}
		} else {
			delete process.env.DATABASE_URL
			process.env.PGLITE_DATA_DIR = 'memory://'
		}
		resetEnvCache()
		await closeDatabase()
		await beforeMigrations?.(db)
		await migrateDatabase()
		if (seed) await seedDemo()
	})
	afterAll(async () => {
		await closeDatabase()
		await dropDatabase?.()
		if (serverDatabaseUrl) process.env.DATABASE_URL = serverDatabaseUrl
		resetEnvCache()
	})
	return { db, seed: seedDemo }
}
