/**
 * What the server does before it takes its first request: migrate, seed demo
 * content when the database is empty (never in production), and give every
 * creator with a public template and no profile a derived handle (templates
 * published before profiles existed).
 */
import { ensureCreatorHandles } from '#app/models/creator-profile.server.ts'
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
				`${summary.scenes} scenes, ${summary.users} users, ${summary.favorites} favorites, ${summary.events} events, ` +
				`${summary.renders} shipped renders`,
		)
	}
	const derived = await ensureCreatorHandles()
	if (derived > 0) log(`Derived a profile handle for ${derived} creator${derived === 1 ? '' : 's'}`)
}
