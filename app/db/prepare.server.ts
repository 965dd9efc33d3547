/**
 * What the server does before it takes its first request: migrate, then seed
 * demo content when the database is empty (never in production).
 */
import { getEnv } from '#app/utils/env.server.ts'
import { databaseInfo } from './client.server.ts'
import { migrateDatabase } from './migrate.server.ts'
import { isDatabaseEmpty, seedDemoContent } from './seed.server.ts'

export async function prepareDatabase({ log = console.log } = {}) {
	const env = getEnv()
	const { kind, location } = databaseInfo()
	log(`Database: ${kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'} at ${location}`)
	const started = performance.now()
	await migrateDatabase()
	log(`Migrations applied in ${Math.round(performance.now() - started)} ms`)
	if (!env.isProduction && (await isDatabaseEmpty())) {
		const seedStarted = performance.now()
		const summary = await seedDemoContent()
		log(
			`Seeded demo content in ${Math.round(performance.now() - seedStarted)} ms: ${summary.templates} templates, ` +
				`${summary.scenes} scenes, ${summary.users} users, ${summary.favorites} favorites, ${summary.events} events`,
		)
	}
}
