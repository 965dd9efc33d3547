// `npm run db:seed`: migrate, then add the demo content. Safe to run again: nothing is created twice.
import { closeDatabase } from '#app/db/client.server.ts'
import { migrateDatabase } from '#app/db/migrate.server.ts'
import { seedDemoContent } from '#app/db/seed.server.ts'

try {
	await migrateDatabase()
	const summary = await seedDemoContent()
	console.log('Demo content seeded; rows created:', summary)
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exitCode = 1
} finally {
	await closeDatabase()
}
