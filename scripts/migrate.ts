// `npm run db:migrate`: apply pending migrations to the configured database.
import { closeDatabase, databaseInfo } from '#app/db/client.server.ts'
import { migrateDatabase } from '#app/db/migrate.server.ts'

try {
	const { kind, location } = databaseInfo()
	await migrateDatabase()
	console.log(`Migrations applied (${kind} at ${location})`)
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exitCode = 1
} finally {
	await closeDatabase()
}
