// `npm run posters:demo`: renders every demo template with the render
// pipeline (Debian's Chromium through playwright-core, renderTemplate, the
// code a worker runs) and writes what it made into seeds/demo-renders/ with
// its manifest, which seeding imports (docs/rendering.md, "The demo's
// renders"). Run it after changing a demo scene, title or creator: the
// manifest test (app/models/demo-renders.server.test.ts) says when.
//
// It seeds the demo, without the renders shipped so far, into a scratch
// in-memory database of its own: it needs no running app, no PostgreSQL and
// leaves the app's databases alone. Needs the built preview runtime
// (`npm run build:preview`) and Chromium at CHROMIUM_PATH.
// Set before the app's modules load: they read the environment once.
process.env.PGLITE_DATA_DIR = 'memory://'
delete process.env.DATABASE_URL
export {}

const { asc, sql } = await import('drizzle-orm')
const { closeDatabase, db } = await import('#app/db/client.server.ts')
const { migrateDatabase } = await import('#app/db/migrate.server.ts')
const { communityTemplates } = await import('#app/db/schema.ts')
const { seedDemoContent } = await import('#app/db/seed.server.ts')
const { DEMO_RENDERS_FOLDER, writeDemoRenders } = await import('#app/models/demo-renders.server.ts')
const { renderTemplate } = await import('#app/models/template-render.server.ts')

/** Motion previews are shipped only while everything stays under this. */
const MAX_SHIPPED_BYTES = 4 * 1024 * 1024
const ABOUT =
	'Renders of the demo templates made by `npm run posters:demo` (the render pipeline, from the scenes in app/db/demo-scenes.ts). ' +
	'Seeding imports an entry only while its template still has the inputHash it was rendered from.'

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`

async function main() {
	await migrateDatabase()
	await seedDemoContent(db, { renders: false })
	const templates = await db
		.select({ id: communityTemplates.id, slug: communityTemplates.slug })
		.from(communityTemplates)
		.where(sql`coalesce(${communityTemplates.status}, 'active') = 'active'`)
		.orderBy(asc(communityTemplates.slug))
	console.log(`Rendering ${templates.length} demo templates…`)
	const failing: string[] = []
	for (const template of templates) {
		const started = performance.now()
		const outcome = await renderTemplate(template.id)
		if (!outcome) throw new Error(`${template.slug} did not render`)
		console.log(`  ${template.slug}: ${outcome.status}, ${outcome.scenes.length} scene(s) in ${Math.round(performance.now() - started)} ms`)
		if (outcome.status !== 'verified') failing.push(`${template.slug}: ${outcome.scenes.find((scene) => scene.status === 'failing')?.message ?? ''}`)
	}
	// A demo scene that does not play is a bug in the demo: ship nothing rather than a broken poster.
	if (failing.length > 0) throw new Error(`Demo templates that do not play:\n${failing.join('\n')}`)
	let written = await writeDemoRenders(templates, { about: ABOUT })
	if (written.bytes > MAX_SHIPPED_BYTES) {
		console.log(`With motion previews: ${megabytes(written.bytes)} (${megabytes(written.motionBytes)} of motion), over ${megabytes(MAX_SHIPPED_BYTES)}: shipping posters and social images only.`)
		written = await writeDemoRenders(templates, { about: ABOUT, motion: false })
	}
	console.log(
		`Wrote ${written.files} files for ${written.templates} templates into ${DEMO_RENDERS_FOLDER}/: ${megabytes(written.bytes)}` +
			(written.motionBytes > 0 ? ` (${megabytes(written.motionBytes)} of motion previews)` : ' (no motion previews)'),
	)
}

try {
	await main()
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exitCode = 1
} finally {
	await closeDatabase()
}
