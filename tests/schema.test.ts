/**
 * The live catalog must match the seed (docs/community-schema.md, a verbatim
 * copy of the data model the editor's team wrote). We run the seed's own SQL in a
 * scratch schema, with the table names prefixed as Drizzle prefixes them, and
 * compare columns, constraints and indexes with what our migrations built.
 */
import fs from 'node:fs'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '#app/db/client.server.ts'
import { createEditorTables } from '#tests/fixtures/editor-tables.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

const database = useTestDatabase()
const COMMUNITY_TABLES = ['community_templates', 'community_template_scenes', 'community_favorites', 'community_events', 'community_metrics_daily']
const prefixed = (table: string) => `bazaar-vid_${table}`

export function seedStatements(markdown: string) {
	const blocks = [...markdown.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]!)
	return blocks
		.join('\n')
		.replace(/--[^\n]*/g, '')
		.split(/;\s*\n/)
		.map((statement) => statement.trim())
		.filter(Boolean)
		.map((statement) =>
			statement
				// table names (not index names such as community_templates_owner_idx) get the prefix
				.replace(/(CREATE TABLE|REFERENCES|ON)\s+([a-z_]+)/g, (whole, keyword: string, name: string) =>
					COMMUNITY_TABLES.includes(name) ? `${keyword} "${prefixed(name)}"` : whole,
				)
		)
}

type ColumnRow = { table_name: string; column_name: string; data_type: string; character_maximum_length: number | null; column_default: string | null; is_nullable: string }
type ConstraintRow = { table_name: string; contype: string; columns: string; target: string | null; on_delete: string }
type IndexRow = { tablename: string; indexname: string; indexdef: string }

async function catalog(schema: string, tables = COMMUNITY_TABLES.map(prefixed)) {
	const columns = await queryRows<ColumnRow>(sql`
		select table_name, column_name, data_type, character_maximum_length, column_default, is_nullable
		from information_schema.columns
		where table_schema = ${schema} and table_name in ${tables}
		order by table_name, ordinal_position`)
	const constraints = await queryRows<ConstraintRow>(sql`
		select rel.relname as table_name, c.contype::text as contype,
			(select string_agg(a.attname, ',' order by k.ord) from unnest(c.conkey) with ordinality k(attnum, ord)
				join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as columns,
			target.relname as target, c.confdeltype::text as on_delete
		from pg_constraint c
		join pg_class rel on rel.oid = c.conrelid
		join pg_namespace n on n.oid = rel.relnamespace
		left join pg_class target on target.oid = c.confrelid
		where n.nspname = ${schema} and rel.relname in ${tables} and c.contype in ('p', 'u', 'f')
		order by 1, 2, 3`)
	const indexes = await queryRows<IndexRow & { backs_constraint: boolean }>(sql`
		select tablename, indexname, indexdef,
			exists (select 1 from pg_constraint c where c.conindid = (quote_ident(schemaname) || '.' || quote_ident(indexname))::regclass) as backs_constraint
		from pg_indexes
		where schemaname = ${schema} and tablename in ${tables}
		order by tablename, indexname`)
	return {
		columns: columns.map((c) => ({ ...c, character_maximum_length: c.character_maximum_length === null ? null : Number(c.character_maximum_length) })),
		constraints: constraints.map((c) => ({ ...c, on_delete: c.contype === 'f' ? c.on_delete : '' })),
		// Constraint-backed indexes are named by whoever made the constraint; compare what they index.
		indexes: indexes
			.map((i) => ({ table: i.tablename, definition: i.indexdef.replace(`${schema}.`, '').replace(/INDEX "?[^ ]+"? ON/, 'INDEX ON') }))
			.sort((a, b) => `${a.table}${a.definition}`.localeCompare(`${b.table}${b.definition}`)),
		namedIndexes: indexes.filter((i) => !i.backs_constraint).map((i) => i.indexname).sort(),
	}
}

describe('schema matches the seed', () => {
	let ours: Awaited<ReturnType<typeof catalog>>
	let seed: Awaited<ReturnType<typeof catalog>>

	beforeAll(async () => {
		const statements = seedStatements(fs.readFileSync('docs/community-schema.md', 'utf8'))
		expect(statements.filter((s) => s.startsWith('CREATE TABLE'))).toHaveLength(5)
		await database.db.transaction(async (tx) => {
			await tx.execute(sql`create schema seed_reference`)
			await tx.execute(sql`set local search_path to seed_reference, public`)
			for (const statement of statements) await tx.execute(sql.raw(statement))
		})
		ours = await catalog('public')
		seed = await catalog('seed_reference')
	})

	test('the five community tables exist with the bazaar-vid_ prefix', () => {
		expect(new Set(ours.columns.map((c) => c.table_name))).toEqual(new Set(COMMUNITY_TABLES.map(prefixed)))
	})

	test('every column has the seed type, length, default and nullability', () => {
		expect(ours.columns).toEqual(seed.columns)
	})

	test('primary keys, unique constraints and foreign keys (with ON DELETE) match', () => {
		expect(ours.constraints).toEqual(seed.constraints)
		const cascades = ours.constraints.filter((c) => c.contype === 'f' && c.on_delete === 'c').map((c) => `${c.table_name}.${c.columns}`)
		expect(cascades.sort()).toEqual(
			[
				'bazaar-vid_community_events.template_id',
				'bazaar-vid_community_favorites.template_id',
				'bazaar-vid_community_favorites.user_id',
				'bazaar-vid_community_metrics_daily.template_id',
				'bazaar-vid_community_template_scenes.template_id',
			].sort(),
		)
	})

	test("every seed index exists by name and definition; extra indexes are additive (never unique)", () => {
		// Later migrations may add indexes for their queries (docs/gallery.md lists the gallery's);
		// they must not change what the seed allows, so no extra UNIQUE index.
		expect(ours.indexes).toEqual(expect.arrayContaining(seed.indexes))
		expect(ours.namedIndexes).toEqual(expect.arrayContaining(seed.namedIndexes))
		const seedDefinitions = new Set(seed.indexes.map((index) => `${index.table}${index.definition}`))
		const extra = ours.indexes.filter((index) => !seedDefinitions.has(`${index.table}${index.definition}`))
		expect(extra.filter((index) => /CREATE UNIQUE/i.test(index.definition))).toEqual([])
	})
})

describe("the editor's tables match the editor's migrations (tests/fixtures/editor-tables.sql)", () => {
	const EDITOR_TABLES = ['bazaar-vid_user', 'bazaar-vid_project', 'bazaar-vid_scene']
	let ours: Awaited<ReturnType<typeof catalog>>
	let editor: Awaited<ReturnType<typeof catalog>>

	beforeAll(async () => {
		await database.db.transaction(async (tx) => {
			await tx.execute(sql`create schema editor_reference`)
			await tx.execute(sql`set local search_path to editor_reference, public`)
			await createEditorTables(tx)
		})
		ours = await catalog('public', EDITOR_TABLES)
		editor = await catalog('editor_reference', EDITOR_TABLES)
	})

	test('every column: camelCase name, type, length, default, nullability', () => {
		expect(editor.columns.length).toBeGreaterThan(40)
		expect(ours.columns).toEqual(editor.columns)
		const names = (table: string) => ours.columns.filter((c) => c.table_name === table).map((c) => c.column_name)
		expect(names('bazaar-vid_user')).toEqual(expect.arrayContaining(['isAdmin', 'emailVerified', 'createdAt', 'updatedAt', 'stripe_customer_id']))
		expect(names('bazaar-vid_project')).toEqual(expect.arrayContaining(['userId', 'isWelcome', 'revision']))
		expect(names('bazaar-vid_scene')).toEqual(expect.arrayContaining(['projectId', 'tsxCode', 'js_code', 'deleted_at', 'revision']))
	})

	test('keys, the unique project title per user, and every index, by name', () => {
		expect(ours.constraints).toEqual(editor.constraints)
		expect(ours.indexes).toEqual(editor.indexes)
		expect(ours.namedIndexes).toEqual(editor.namedIndexes)
		expect(ours.indexes).toContainEqual({ table: 'bazaar-vid_project', definition: 'CREATE UNIQUE INDEX ON "bazaar-vid_project" USING btree ("userId", title)' })
	})
})
