import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { generateDrizzleJson } from 'drizzle-kit/api'
import { describe, expect, test } from 'vitest'
import { closeDatabase, queryRows } from '#app/db/client.server.ts'
import { MIGRATIONS_FOLDER, migrateDatabase, OutdatedEditorTablesError } from '#app/db/migrate.server.ts'
import { prepareDatabase } from '#app/db/prepare.server.ts'
import * as schema from '#app/db/schema.ts'
import { findDestructiveStatements } from '#app/db/migration-rules.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { createEditorTables } from '#tests/fixtures/editor-tables.ts'
import { createEmptyPostgresDatabase, serverDatabaseUrl } from '#tests/setup/test-database.ts'

const migrationFiles = fs.readdirSync(MIGRATIONS_FOLDER).filter((file) => file.endsWith('.sql')).sort()
const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
	entries: Array<{ idx: number; tag: string }>
}

describe('migrations are additive only', () => {
	test.each(migrationFiles)('%s has no destructive statement', (file) => {
		expect(findDestructiveStatements(fs.readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8'))).toEqual([])
	})

	test.each([
		['DROP TABLE "bazaar-vid_community_events"', 'drops something'],
		['ALTER TABLE "t" DROP COLUMN "views_count"', 'drops something'],
		['ALTER TABLE "t" RENAME COLUMN "a" TO "b"', 'renames something'],
		['ALTER TABLE "t" RENAME TO "u"', 'renames something'],
		['TRUNCATE "bazaar-vid_community_events"', 'truncates a table'],
		['TRUNCATE ONLY "bazaar-vid_community_events"', 'truncates a table'],
		['TRUNCATE TABLE "a", "b" CASCADE', 'truncates a table'],
		['DELETE FROM "bazaar-vid_community_events" WHERE true', 'deletes rows'],
		['UPDATE "bazaar-vid_community_templates" SET status = \'active\'', 'rewrites rows'],
		['ALTER TABLE "t" ALTER COLUMN "count" SET DATA TYPE integer', "changes a column's type"],
		['ALTER TABLE "t" ALTER COLUMN "count" TYPE integer', "changes a column's type"],
		['ALTER TABLE "t" ALTER COLUMN "x" SET NOT NULL', 'makes an existing column NOT NULL'],
		['ALTER TABLE "t" ADD COLUMN "x" text NOT NULL', 'adds a NOT NULL column without a default'],
		['DO $$ BEGIN DELETE FROM "bazaar-vid_community_events" WHERE true; END $$', 'deletes rows'],
		['CREATE FUNCTION "f"() RETURNS void LANGUAGE sql AS $$ SELECT 1 $$;--> statement-breakpoint\nDELETE FROM "t"', 'deletes rows'],
	])('the checker catches: %s', (statement, reason) => {
		expect(findDestructiveStatements(statement).map((found) => found.reason)).toContain(reason)
	})

	test.each([
		'ALTER TABLE "t" ADD CONSTRAINT "fk" FOREIGN KEY ("a") REFERENCES "u"("id") ON DELETE cascade ON UPDATE no action',
		'ALTER TABLE "t" ADD COLUMN "x" text',
		'ALTER TABLE "t" ADD COLUMN "x" integer DEFAULT 0 NOT NULL',
		'CREATE INDEX IF NOT EXISTS "i" ON "t" USING gin (to_tsvector(\'simple\', "title"))',
		// A trigger function's body runs when a write fires it, not when the migration runs (0016).
		'CREATE OR REPLACE FUNCTION "f"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM "t" USING gone WHERE "t".id = gone.id; RETURN NULL; END $$',
		'CREATE OR REPLACE TRIGGER "t_emptied" AFTER TRUNCATE ON "t" FOR EACH STATEMENT EXECUTE FUNCTION public."f"()',
		'CREATE TRIGGER "t_changed" BEFORE INSERT OR TRUNCATE ON "t" FOR EACH STATEMENT EXECUTE FUNCTION f()',
	])('the checker allows: %s', (statement) => {
		expect(findDestructiveStatements(statement)).toEqual([])
	})
})

describe('migration order', () => {
	test('every SQL file is in the journal, and the community tables come in the seed order', () => {
		expect(journal.entries.map((entry) => `${entry.tag}.sql`)).toEqual(migrationFiles)
		const created = migrationFiles.flatMap((file) =>
			[...fs.readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"bazaar-vid_(community_\w+)"/g)].map(
				(match) => match[1],
			),
		)
		// The seed's five come first, in its order; later additive tables (moderation…) follow them.
		expect(created.slice(0, 5)).toEqual(['community_templates', 'community_template_scenes', 'community_favorites', 'community_events', 'community_metrics_daily'])
	})
})

describe('snapshots', () => {
	test("the last snapshot is exactly app/db/schema.ts, so the next generated migration holds only the next change", () => {
		// A branch that generated its migration before the editor tables were corrected (decision 003)
		// carries the old editor tables in its snapshot; merged as is, the next `drizzle-kit generate`
		// would try to rename the editor's columns.
		const last = journal.entries.at(-1)!
		const { id: _id, prevId: _prevId, ...snapshot } = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, `meta/${String(last.idx).padStart(4, '0')}_snapshot.json`), 'utf8'))
		const { id: _currentId, prevId: _currentPrevId, ...current } = generateDrizzleJson(schema)
		expect(snapshot).toEqual(current)
	})
})

/** A scratch database of whichever kind this run uses, as the app's `db`. */
async function withScratchDatabase(run: () => Promise<void>) {
	if (serverDatabaseUrl) {
		const scratch = await createEmptyPostgresDatabase()
		process.env.DATABASE_URL = scratch.url
		resetEnvCache()
		try {
			await run()
		} finally {
			await closeDatabase()
			await scratch.drop()
			process.env.DATABASE_URL = serverDatabaseUrl
			resetEnvCache()
		}
	} else {
		process.env.PGLITE_DATA_DIR = 'memory://'
		resetEnvCache()
		try {
			await run()
		} finally {
			await closeDatabase()
		}
	}
}

async function runEditorSchema() {
	const { db } = await import('#app/db/client.server.ts')
	await createEditorTables(db)
	await db.execute(sql`insert into "bazaar-vid_user" ("id", "name", "email") values ('editor-user-1', 'Existing Editor User', 'existing@bazaar.example')`)
}

async function appliedMigrationCount() {
	const [row] = await queryRows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
	return Number(row?.n)
}

describe('applying migrations', () => {
	test('on an empty database, then again as a no-op', async () => {
		await withScratchDatabase(async () => {
			await migrateDatabase()
			const first = await appliedMigrationCount()
			expect(first).toBe(migrationFiles.length)
			await migrateDatabase()
			expect(await appliedMigrationCount()).toBe(first)
		})
	})

	test("on a database where the editor's three tables already exist, keeping their rows", async () => {
		await withScratchDatabase(async () => {
			await runEditorSchema()
			await migrateDatabase()
			const users = await queryRows<{ id: string }>(sql`select id from "bazaar-vid_user"`)
			expect(users.map((u) => u.id)).toEqual(['editor-user-1'])
			const tables = await queryRows<{ n: number }>(
				sql`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name in
					('bazaar-vid_community_templates', 'bazaar-vid_community_template_scenes', 'bazaar-vid_community_favorites', 'bazaar-vid_community_events', 'bazaar-vid_community_metrics_daily')`,
			)
			expect(Number(tables[0]?.n)).toBe(5)
		})
	})
})

describe('an embedded demo database made with our old guess at the editor tables', () => {
	// The embedded database in memory: the same PGlite as under .data/pglite, without creating a
	// data directory. Opening PGlite is what takes time (as long as the hooks get on a busy machine).
	test('is refused at start with a message pointing at npm run db:reset, and left as it was', { timeout: 120_000 }, async () => {
		const guessed = fs.readFileSync('tests/fixtures/guessed-editor-tables.sql', 'utf8')
		delete process.env.DATABASE_URL
		process.env.PGLITE_DATA_DIR = 'memory://'
		resetEnvCache()
		try {
			const { db } = await import('#app/db/client.server.ts')
			for (const statement of guessed.replace(/^--(?!>)[^\n]*\n/gm, '').split('--> statement-breakpoint')) {
				if (statement.trim()) await db.execute(sql.raw(statement))
			}
			await db.execute(sql`insert into "bazaar-vid_user" (id, name, email, is_admin) values ('demo-maya', 'Maya Chen', 'maya@bazaar.example', false)`)

			// What server.mjs runs at start.
			const logged: string[] = []
			const start = prepareDatabase({ log: (line: string) => logged.push(line) })
			await expect(start).rejects.toBeInstanceOf(OutdatedEditorTablesError)
			expect(logged).toEqual([expect.stringContaining('Database: embedded PGlite')])
			const message = await start.catch((error: Error) => error.message)
			expect(message).toContain('npm run db:reset')
			expect(message).toContain('"bazaar-vid_user.is_admin"')
			expect(message).toContain('"tsxCode"')
			// Nothing was migrated or seeded on top of it.
			const tables = await queryRows<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`)
			expect(tables.map((row) => row.table_name)).toEqual(['bazaar-vid_project', 'bazaar-vid_scene', 'bazaar-vid_user'])
			expect(await queryRows(sql`select id from "bazaar-vid_user"`)).toEqual([{ id: 'demo-maya' }])
		} finally {
			await closeDatabase()
			if (serverDatabaseUrl) process.env.DATABASE_URL = serverDatabaseUrl
			process.env.PGLITE_DATA_DIR = 'memory://'
			resetEnvCache()
		}
	})

	test('on PostgreSQL, the message says to recreate the database instead', async () => {
		await withScratchDatabase(async () => {
			const { db } = await import('#app/db/client.server.ts')
			await db.execute(sql`create table "bazaar-vid_scene" ("id" uuid primary key, "project_id" uuid not null, "tsx_code" text not null)`)
			const failure = await migrateDatabase().catch((error: Error) => error)
			expect(failure).toBeInstanceOf(OutdatedEditorTablesError)
			expect((failure as Error).message).toMatch(serverDatabaseUrl ? /drop and create it again/ : /npm run db:reset/)
			expect((failure as Error).message).toContain('"bazaar-vid_scene.project_id", "bazaar-vid_scene.tsx_code"')
		})
	})
})
