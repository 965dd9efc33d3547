// `npm run db:seed`: migrate, then add the demo content and the demo renders the repository ships.
// Safe to run again: nothing is created twice. `-- --without-renders` leaves the renders out
// (the demo as a worker finds it before rendering: bench:render times that).
import { parseArgs } from 'node:util'
import { closeDatabase, db } from '#app/db/client.server.ts'
import { migrateDatabase } from '#app/db/migrate.server.ts'
import { seedDemoContent } from '#app/db/seed.server.ts'

const { values: options } = parseArgs({ options: { 'without-renders': { type: 'boolean', default: false } } })

try {
	await migrateDatabase()
	const summary = await seedDemoContent(db, { renders: !options['without-renders'] })
	console.log('Demo content seeded; rows created:', summary)
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exitCode = 1
} finally {
	await closeDatabase()
}
