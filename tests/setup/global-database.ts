/**
 * Vitest global setup. On PostgreSQL (DATABASE_URL set) it builds one migrated
 * template database; each test file then clones it (CREATE DATABASE … TEMPLATE),
 * which takes milliseconds. On PGlite each file opens its own in-memory database.
 */
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'
import { migrationTemplateDatabaseName, withDatabaseName } from './database-names.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		templateDatabaseUrl: string | null
	}
}

export default async function setup(project: TestProject) {
	const serverUrl = process.env.DATABASE_URL
	if (!serverUrl) {
		project.provide('templateDatabaseUrl', null)
		return
	}
	const name = migrationTemplateDatabaseName()
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
	await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
	await admin.unsafe(`CREATE DATABASE "${name}"`)
	const templateUrl = withDatabaseName(serverUrl, name)
	// Migrate through the app's own code path, in a child-free way: import lazily with the URL set.
	const previous = process.env.DATABASE_URL
	process.env.DATABASE_URL = templateUrl
	const { resetEnvCache } = await import('#app/utils/env.server.ts')
	resetEnvCache()
	const { migrateDatabase } = await import('#app/db/migrate.server.ts')
	await migrateDatabase({ databaseUrl: templateUrl })
	process.env.DATABASE_URL = previous
	resetEnvCache()
	project.provide('templateDatabaseUrl', templateUrl)
	return async () => {
		await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
		await admin.end()
	}
}
