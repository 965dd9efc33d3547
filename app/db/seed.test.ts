import { and, count, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '#app/db/client.server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { isDatabaseEmpty, seedDemoContent, type SeedSummary } from './seed.server.ts'
import { communityEvents, communityFavorites, communityTemplateScenes, communityTemplates, projects, scenes, users } from './schema.ts'

const database = useTestDatabase()
const { db } = database

describe('demo content', () => {
	let first: SeedSummary
	beforeAll(async () => {
		expect(await isDatabaseEmpty()).toBe(true)
		first = await seedDemoContent()
	})

	test('creates users (one admin), templates with scenes, favorites and 60 days of events', async () => {
		expect(await isDatabaseEmpty()).toBe(false)
		const admins = await db.select().from(users).where(eq(users.isAdmin, true))
		expect(admins).toHaveLength(1)
		expect(first.users).toBeGreaterThanOrEqual(3)

		const listed = await db
			.select()
			.from(communityTemplates)
			.where(and(eq(communityTemplates.visibility, 'public'), eq(communityTemplates.status, 'active')))
		expect(listed.length).toBeGreaterThanOrEqual(16)
		expect(new Set(listed.map((t) => t.category)).size).toBeGreaterThanOrEqual(6)
		expect(new Set(listed.flatMap((t) => t.supportedFormats ?? []))).toEqual(new Set(['landscape', 'portrait', 'square']))
		expect(await db.$count(communityTemplates, eq(communityTemplates.visibility, 'unlisted'))).toBe(1)
		expect(await db.$count(communityTemplates, eq(communityTemplates.status, 'disabled'))).toBe(1)

		const sceneCounts = await queryRows<{ n: number }>(
			sql`select count(*)::int as n from ${communityTemplateScenes} group by template_id`,
		)
		expect(Math.min(...sceneCounts.map((r) => r.n))).toBeGreaterThanOrEqual(1)
		expect(Math.max(...sceneCounts.map((r) => r.n))).toBeLessThanOrEqual(4)
		expect(await db.$count(communityFavorites)).toBeGreaterThan(0)

		const [span] = await queryRows<{ days: number }>(
			sql`select count(distinct (created_at at time zone 'UTC')::date)::int as days from ${communityEvents}`,
		)
		expect(span?.days).toBeGreaterThanOrEqual(55)
	})

	test('every template scene is a snapshot of its source project scene, with the SHA-256 of its code', async () => {
		const rows = await queryRows<{ matches: boolean; hash_ok: boolean }>(sql`
			select ts.tsx_code = s."tsxCode" as matches,
				ts.code_hash = encode(sha256(convert_to(ts.tsx_code, 'UTF8')), 'hex') as hash_ok
			from ${communityTemplateScenes} ts
			join ${communityTemplates} t on t.id = ts.template_id
			join ${scenes} s on s."projectId" = t.source_project_id and s."order" = ts.scene_index`)
		expect(rows.length).toBe(await db.$count(communityTemplateScenes))
		expect(rows.every((row) => row.matches && row.hash_ok)).toBe(true)
	})

	test('scenes are written in the editor style', async () => {
		const all = await db.select({ code: communityTemplateScenes.tsxCode }).from(communityTemplateScenes)
		for (const { code } of all) {
			expect(code).toMatch(/=\s*window\.Remotion\s*;/)
			expect(code).toMatch(/export default function/)
		}
	})

	test('cached counters equal the truth', async () => {
		const mismatches = await queryRows(sql`
			select t.slug from ${communityTemplates} t
			where t.views_count <> (select count(*) from ${communityEvents} e where e.template_id = t.id and e.event_type = 'view')
			   or t.uses_count <> (select count(*) from ${communityEvents} e where e.template_id = t.id and e.event_type = 'use')
			   or t.favorites_count <> (select count(*) from ${communityFavorites} f where f.template_id = t.id)`)
		expect(mismatches).toEqual([])
	})

	test('seeding twice creates nothing twice', async () => {
		const tables = [users, projects, scenes, communityTemplates, communityTemplateScenes, communityFavorites, communityEvents] as const
		const before = await Promise.all(tables.map(async (table) => (await db.select({ n: count() }).from(table))[0]!.n))
		const second = await seedDemoContent()
		expect(second).toEqual({ users: 0, projects: 0, templates: 0, scenes: 0, favorites: 0, events: 0, renders: 0 })
		const after = await Promise.all(tables.map(async (table) => (await db.select({ n: count() }).from(table))[0]!.n))
		expect(after).toEqual(before)
	})
})
