// Bench seeding helper: a dedicated PostgreSQL database (bazaar_bench) with the
// demo content plus 10,000 bulk templates (1–4 scenes each, tags, formats,
// counters, 7 days of daily metrics), inserted with generate_series in SQL.
import { spawnSync } from 'node:child_process'
import postgres from 'postgres'

const CATEGORIES = ['intros', 'titles', 'social', 'data', 'promo', 'lower-thirds', 'transitions', 'education']
const WORDS = ['logo', 'animation', 'reveal', 'title', 'countdown', 'chart', 'promo', 'sale', 'intro', 'neon', 'gradient', 'kinetic', 'lower', 'third', 'quote', 'lesson', 'wipe', 'confetti', 'launch', 'dashboard']

export async function seedBenchDatabase({ baseUrl = 'postgres://postgres@127.0.0.1:5432/postgres', name = 'bazaar_bench', templates = 10_000, log = console.log } = {}) {
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
	await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
	await admin.unsafe(`CREATE DATABASE "${name}"`)
	await admin.end()
	const url = new URL(baseUrl)
	url.pathname = `/${name}`
	const databaseUrl = url.toString()

	const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } })
	if (seeded.status !== 0) throw new Error('seeding the demo content failed')

	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
	const started = performance.now()
	const words = `(array[${WORDS.map((word) => `'${word}'`).join(',')}])`
	const categories = `(array[${CATEGORIES.map((category) => `'${category}'`).join(',')}])`
	await sql.unsafe(`
		insert into "bazaar-vid_community_templates"
			(slug, title, description, owner_user_id, tags, category, supported_formats, visibility, status, views_count, favorites_count, uses_count, created_at, updated_at)
		select 'bench-' || i,
			initcap(${words}[1 + i % 20] || ' ' || ${words}[1 + (i / 20) % 20] || ' ' || i),
			'Benchmark template ' || i || ': a ' || ${words}[1 + (i / 7) % 20] || ' scene for your next ' || ${words}[1 + (i / 3) % 20] || ' video.',
			'demo-maya',
			jsonb_build_array(${words}[1 + i % 20], ${words}[1 + (i / 11) % 20], 'bench'),
			${categories}[1 + i % 8],
			case i % 3 when 0 then '["landscape","portrait","square"]'::jsonb when 1 then '["landscape"]'::jsonb else '["portrait","square"]'::jsonb end,
			case when i % 50 = 0 then 'unlisted' else 'public' end,
			case when i % 97 = 0 then 'disabled' else 'active' end,
			(i::bigint * 7919) % 5000, (i::bigint * 104729) % 300, (i::bigint * 1299709) % 200,
			now() - (i % 720) * interval '1 hour', now() - (i % 720) * interval '1 hour'
		from generate_series(1, ${templates}) as i`)
	await sql.unsafe(`
		insert into "bazaar-vid_community_template_scenes" (template_id, scene_index, title, tsx_code, code_hash, duration, preview_frame)
		select t.id, s.n, 'Scene ' || (s.n + 1), code.tsx, encode(sha256(convert_to(code.tsx, 'UTF8')), 'hex'),
			60 + (s.n * 30), 15
		from "bazaar-vid_community_templates" t
		cross join lateral generate_series(0, (abs(hashtext(t.slug)::bigint) % 4)) as s(n)
		cross join lateral (select 'const { AbsoluteFill } = window.Remotion; export default function Scene() { return <AbsoluteFill style={{ background: "hsl(' || ((abs(hashtext(t.slug)::bigint) + s.n * 37) % 360) || ' 70% 50%)" }} /> }' as tsx) as code
		where t.slug like 'bench-%'`)
	await sql.unsafe(`
		insert into "bazaar-vid_community_metrics_daily" (template_id, day, event_type, count)
		select t.id, (now() at time zone 'utc')::date - d, e.type, 1 + abs(hashtext(t.slug || d || e.type)::bigint) % 40
		from "bazaar-vid_community_templates" t
		cross join generate_series(0, 6) as d
		cross join (values ('view'), ('favorite'), ('use')) as e(type)
		where t.slug like 'bench-%' and abs(hashtext(t.slug)::bigint) % 5 = 0
		on conflict do nothing`)
	// As autovacuum would leave them: statistics, and the GIN indexes' pending lists merged.
	await sql.unsafe('vacuum analyze')
	const [{ count }] = await sql`select count(*)::int as count from "bazaar-vid_community_templates"`
	log(`Seeded ${count} templates in ${name} (bulk part: ${Math.round(performance.now() - started)} ms)`)
	await sql.end()
	return databaseUrl
}

/**
 * Adds `events` events (views mostly, like real traffic) spread over the last `days`
 * days across every bench template, with generate_series in 1M-row statements.
 */
export async function addBenchEvents({ databaseUrl, events, days = 90, log = console.log }) {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
	const started = performance.now()
	const chunk = 1_000_000
	for (let from = 1; from <= events; from += chunk) {
		const to = Math.min(events, from + chunk - 1)
		await sql.unsafe(`
			insert into "bazaar-vid_community_events" (id, template_id, event_type, source, created_at)
			select gen_random_uuid(), t.ids[1 + (i * 7919) % t.n],
				(array['view','view','view','view','view','view','click','click','favorite','use','mix','prompt','unfavorite'])[1 + (i * 31) % 13],
				(array['community_site','in_app_panel','direct'])[1 + i % 3],
				now() - interval '${days} days' + ((i - 1)::double precision / ${events}) * interval '${days} days'
			from generate_series(${from}::bigint, ${to}::bigint) i,
				(select array_agg(id order by slug) as ids, count(*)::int as n from "bazaar-vid_community_templates" where slug like 'bench-%') t`)
		log(`  ${to.toLocaleString('en-US')} events (${Math.round((performance.now() - started) / 1000)} s)`)
	}
	await sql.unsafe('vacuum analyze "bazaar-vid_community_events"')
	await sql.end()
	log(`Added ${events.toLocaleString('en-US')} events in ${Math.round((performance.now() - started) / 1000)} s`)
}

/** Counts of the bench database `name` (null when it does not exist or is not migrated), to reuse it across runs. */
export async function benchDatabaseCounts({ baseUrl = 'postgres://postgres@127.0.0.1:5432/postgres', name }) {
	const url = new URL(baseUrl)
	url.pathname = `/${name}`
	const sql = postgres(url.toString(), { max: 1, connect_timeout: 5, onnotice: () => {} })
	try {
		const [row] = await sql`
			select (select count(*) from "bazaar-vid_community_templates" where slug like 'bench-%')::int as templates,
				(select count(*) from "bazaar-vid_community_events")::bigint as events`
		return { databaseUrl: url.toString(), templates: row.templates, events: Number(row.events) }
	} catch {
		return null
	} finally {
		await sql.end()
	}
}
