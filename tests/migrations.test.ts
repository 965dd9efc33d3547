import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { closeDatabase, queryRows } from '#app/db/client.server.ts'
import { MIGRATIONS_FOLDER, migrateDatabase } from '#app/db/migrate.server.ts'
import { findDestructiveStatements } from '#app/db/migration-rules.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
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
		['DELETE FROM "bazaar-vid_community_events" WHERE true', 'deletes rows'],
		['UPDATE "bazaar-vid_community_templates" SET status = \'active\'', 'rewrites rows'],
		['ALTER TABLE "t" ALTER COLUMN "count" SET DATA TYPE integer', "changes a column's type"],
		['ALTER TABLE "t" ALTER COLUMN "count" TYPE integer', "changes a column's type"],
		['ALTER TABLE "t" ALTER COLUMN "x" SET NOT NULL', 'makes an existing column NOT NULL'],
		['ALTER TABLE "t" ADD COLUMN "x" text NOT NULL', 'adds a NOT NULL column without a default'],
	])('the checker catches: %s', (statement, reason) => {
		expect(findDestructiveStatements(statement).map((found) => found.reason)).toContain(reason)
	})

	test.each([
		'ALTER TABLE "t" ADD CONSTRAINT "fk" FOREIGN KEY ("a") REFERENCES "u"("id") ON DELETE cascade ON UPDATE no action',
		'ALTER TABLE "t" ADD COLUMN "x" text',
		'ALTER TABLE "t" ADD COLUMN "x" integer DEFAULT 0 NOT NULL',
		'CREATE INDEX IF NOT EXISTS "i" ON "t" USING gin (to_tsvector(\'simple\', "title"))',
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

const EDITOR_SCHEMA = `
	CREATE TABLE "bazaar-vid_user" ("id" varchar(255) PRIMARY KEY NOT NULL, "name" varchar(255), "email" varchar(255) NOT NULL,
		"emailVerified" timestamp with time zone, "image" varchar(255), "is_admin" boolean DEFAULT false NOT NULL);
	CREATE TABLE "bazaar-vid_project" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
		"user_id" varchar(255) NOT NULL REFERENCES "bazaar-vid_user"("id") ON DELETE cascade, "title" varchar(255) NOT NULL,
		"props" jsonb NOT NULL, "created_at" timestamp with time zone DEFAULT now() NOT NULL, "updated_at" timestamp with time zone,
		CONSTRAINT "project_unique_name" UNIQUE("user_id","title"));
	CREATE TABLE "bazaar-vid_scene" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
		"project_id" uuid NOT NULL REFERENCES "bazaar-vid_project"("id") ON DELETE cascade, "order" integer NOT NULL,
		"name" varchar(255) DEFAULT 'Scene' NOT NULL, "tsx_code" text NOT NULL, "duration" integer DEFAULT 150 NOT NULL,
		"props" jsonb, "created_at" timestamp with time zone DEFAULT now() NOT NULL, "updated_at" timestamp with time zone);
	INSERT INTO "bazaar-vid_user" ("id", "name", "email") VALUES ('editor-user-1', 'Existing Editor User', 'existing@bazaar.example');
`

async function runEditorSchema() {
	const { db } = await import('#app/db/client.server.ts')
	for (const statement of EDITOR_SCHEMA.split(';').map((s) => s.trim()).filter(Boolean)) {
		await db.execute(sql.raw(statement))
	}
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
