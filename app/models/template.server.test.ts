import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '#app/db/client.server.ts'
import {
	communityListingCounts,
	communityMetricsDaily,
	communityTemplateScenes,
	communityTemplateSearch,
	communityTemplateTermCounts,
	communityTemplateTerms,
	communityTemplates,
	users,
} from '#app/db/schema.ts'
import type { TemplateFilters } from '#app/utils/template-filters.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import {
	canViewTemplate,
	countTemplatesByCategory,
	explainGalleryQuery,
	getTemplateBySlugOrId,
	InvalidCursorError,
	listPopularTags,
	listSitemapEntries,
	listTemplatesAfter,
	prefixesOfQueryText,
	searchTemplates,
	toPrefixTsQuery,
} from './template.server.ts'

const database = useTestDatabase({ seed: true })
const OWNER = 'gallery-test-owner'

async function addTemplate(fields: Partial<typeof communityTemplates.$inferInsert> & { slug: string; title: string }) {
	const [row] = await database.db
		.insert(communityTemplates)
		.values({ ownerUserId: OWNER, category: 'education', tags: [], description: null, ...fields })
		.returning({ id: communityTemplates.id })
	await database.db
		.insert(communityTemplateScenes)
		.values({ templateId: row!.id, sceneIndex: 0, title: 'Only scene', tsxCode: 'export default () => null', duration: 90 })
	return row!.id
}

const slugsOf = (items: Array<{ slug: string }>) => items.map((item) => item.slug)

beforeAll(async () => {
	await database.db.insert(users).values({ id: OWNER, name: 'Gallery Tester', email: 'gallery@example.com' })
})

describe('toPrefixTsQuery', () => {
	test('turns words into prefix terms and drops punctuation', () => {
		expect(toPrefixTsQuery('Logo  anim!')).toBe('logo:* & anim:*')
		expect(toPrefixTsQuery("'); drop table x; --")).toBe('drop:* & table:* & x:*')
		expect(toPrefixTsQuery(' &|!:* ')).toBeNull()
	})

	test("PostgreSQL's text of a prefix tsquery gives its prefixes back, each once, and anything else gives null", () => {
		expect(prefixesOfQueryText("'logo':* & 'anim':*")).toEqual(['logo', 'anim'])
		expect(prefixesOfQueryText("'sale':* & 'sale':*")).toEqual(['sale'])
		expect(prefixesOfQueryText("'it''s':*")).toEqual(["it's"])
		for (const other of ['', "'foo' <-> 'bar':*", "'logo'", "'a\\\\b':*", "'logo':* | 'anim':*", "!'logo':*"]) {
			expect({ other, prefixes: prefixesOfQueryText(other) }).toEqual({ other, prefixes: null })
		}
	})
})

describe('search', () => {
	test('prefix matching: "logo anim" finds Logo Animation first', async () => {
		const { items } = await searchTemplates({ q: 'logo anim' })
		expect(items[0]?.slug).toBe('logo-animation')
	})

	test('accents and case do not matter, either way round', async () => {
		expect(slugsOf((await searchTemplates({ q: 'CAFE menu' })).items)).toContain('cafe-menu-promo')
		await addTemplate({ slug: 'resume-tips', title: 'Resume tips for students' })
		expect(slugsOf((await searchTemplates({ q: 'résumé' })).items)).toEqual(['resume-tips'])
	})

	test('title weighs more than tags, tags more than the description', async () => {
		await addTemplate({ slug: 'zz-in-description', title: 'Plain one', description: 'A quokka walks by.' })
		await addTemplate({ slug: 'zz-in-tags', title: 'Plain two', tags: ['quokka'] })
		await addTemplate({ slug: 'zz-in-title', title: 'Quokka parade' })
		expect(slugsOf((await searchTemplates({ q: 'quokka' })).items)).toEqual(['zz-in-title', 'zz-in-tags', 'zz-in-description'])
		// the API list pages through the same relevance order
		const first = await listTemplatesAfter({ q: 'quok' }, { limit: 2 })
		const second = await listTemplatesAfter({ q: 'quok' }, { limit: 2, cursor: first.nextCursor! })
		expect([...slugsOf(first.items), ...slugsOf(second.items)]).toEqual(['zz-in-title', 'zz-in-tags', 'zz-in-description'])
		expect(second.nextCursor).toBeNull()
	})

	test('a query with no word lists everything', async () => {
		const { total } = await searchTemplates({ q: '!!!' })
		expect(total).toBe((await searchTemplates({})).total)
	})
})

describe('only public, active templates are listed', () => {
	test('unlisted and disabled templates are absent from lists, search, counts and the sitemap', async () => {
		const all = await listTemplatesAfter({}, { limit: 50 })
		const slugs = slugsOf(all.items)
		expect(slugs).toContain('logo-animation')
		expect(slugs).not.toContain('team-intro-unlisted-7fQk2LmZx9')
		expect(slugs).not.toContain('retro-vhs-title')
		expect(slugsOf((await searchTemplates({ q: 'retro vhs' })).items)).toEqual([])
		expect(slugsOf((await searchTemplates({ q: 'team intro' })).items)).not.toContain('team-intro-unlisted-7fQk2LmZx9')
		const sitemap = await listSitemapEntries()
		expect(sitemap.templates.map((entry) => entry.slug)).not.toContain('retro-vhs-title')
		expect(sitemap.templates.map((entry) => entry.slug)).not.toContain('team-intro-unlisted-7fQk2LmZx9')
		const { total } = await countTemplatesByCategory()
		expect(total).toBe((await searchTemplates({})).total)
	})

	test('a template page can still load them; the caller decides who may see a disabled one', async () => {
		const disabled = await getTemplateBySlugOrId('retro-vhs-title')
		expect(disabled?.status).toBe('disabled')
		expect(canViewTemplate(disabled!, null)).toBe(false)
		expect(canViewTemplate(disabled!, { id: 'someone', isAdmin: false })).toBe(false)
		expect(canViewTemplate(disabled!, { id: disabled!.ownerUserId!, isAdmin: false })).toBe(true)
		expect(canViewTemplate(disabled!, { id: 'moderator', isAdmin: true })).toBe(true)
		const byId = await getTemplateBySlugOrId(disabled!.id.toUpperCase())
		expect(byId?.slug).toBe('retro-vhs-title')
		expect(byId?.scenes[0]).toMatchObject({ index: 0, duration: expect.any(Number), tsxCode: expect.stringContaining('export default') })
		expect(await getTemplateBySlugOrId('no-such-template')).toBeNull()
	})
})

describe('filters', () => {
	test('category, tag and format narrow the list and combine', async () => {
		const data = await searchTemplates({ category: 'data' }, { pageSize: 50 })
		expect(data.items.length).toBeGreaterThan(0)
		expect(data.items.every((item) => item.category === 'data')).toBe(true)
		const tagged = await searchTemplates({ tag: 'countdown' }, { pageSize: 50 })
		expect(slugsOf(tagged.items).sort()).toEqual(['flash-sale-countdown', 'pop-quiz-countdown', 'story-countdown-3-2-1'])
		const portrait = await searchTemplates({ format: 'portrait' }, { pageSize: 50 })
		expect(portrait.items.every((item) => item.formats.includes('portrait'))).toBe(true)
		expect(slugsOf(portrait.items)).not.toContain('flash-sale-countdown')
		expect(slugsOf((await searchTemplates({ tag: 'countdown', format: 'square' })).items)).toEqual(['flash-sale-countdown'])
	})

	test('category counts follow the other filters', async () => {
		const { counts } = await countTemplatesByCategory({ tag: 'countdown' })
		expect(counts).toEqual({ education: 1, promo: 1, social: 1 })
	})
})

describe('sorts', () => {
	test('new, most-used and popular order by their keys', async () => {
		const byNew = (await searchTemplates({ sort: 'new' }, { pageSize: 100 })).items
		const created = byNew.map((item) => Date.parse(item.createdAt))
		expect(created).toEqual([...created].sort((a, b) => b - a))
		const byUses = (await searchTemplates({ sort: 'most-used' }, { pageSize: 100 })).items.map((item) => item.usesCount)
		expect(byUses).toEqual([...byUses].sort((a, b) => b - a))
		const score = (item: { viewsCount: number; favoritesCount: number; usesCount: number }) =>
			item.viewsCount + 3 * item.favoritesCount + 5 * item.usesCount
		const byPopular = (await searchTemplates({}, { pageSize: 100 })).items.map(score)
		expect(byPopular).toEqual([...byPopular].sort((a, b) => b - a))
	})

	test('trending ranks the last 7 days of metrics, uses and favorites above views', async () => {
		// Counts well above the seeded demo metrics, which also trend.
		const viewed = await addTemplate({ slug: 'trend-viewed', title: 'Many views' })
		const used = await addTemplate({ slug: 'trend-used', title: 'Some uses' })
		const old = await addTemplate({ slug: 'trend-old', title: 'Old news' })
		const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
		await database.db.insert(communityMetricsDaily).values([
			{ templateId: viewed, day: daysAgo(1), eventType: 'view', count: 6000 },
			{ templateId: used, day: daysAgo(2), eventType: 'use', count: 600 },
			{ templateId: used, day: daysAgo(3), eventType: 'favorite', count: 500 },
			{ templateId: used, day: daysAgo(2), eventType: 'view', count: 1000 },
			// outside the window: ignored
			{ templateId: old, day: daysAgo(9), eventType: 'use', count: 100000 },
		])
		const trending = slugsOf((await searchTemplates({ sort: 'trending' }, { pageSize: 3 })).items)
		expect(trending).toEqual(['trend-used', 'trend-viewed', expect.any(String)])
		expect(trending).not.toContain('trend-old')
	})
})

describe('keyset pagination', () => {
	test.each(['popular', 'new', 'most-used', 'trending'] as const)('%s: pages cover the list once, in order', async (sort) => {
		const whole = slugsOf((await searchTemplates({ sort }, { pageSize: 200 })).items)
		const paged: string[] = []
		let cursor: string | undefined
		for (let guard = 0; guard < 100; guard++) {
			const page = await listTemplatesAfter({ sort }, { cursor, limit: 4 })
			paged.push(...slugsOf(page.items))
			if (!page.nextCursor) break
			cursor = page.nextCursor
		}
		expect(paged).toEqual(whole)
	})

	test('a forged or foreign cursor is refused', async () => {
		const { nextCursor } = await listTemplatesAfter({ sort: 'new' }, { limit: 2 })
		await expect(listTemplatesAfter({ sort: 'popular' }, { cursor: nextCursor! })).rejects.toBeInstanceOf(InvalidCursorError)
		await expect(listTemplatesAfter({}, { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError)
		const forged = Buffer.from(JSON.stringify(['popular', "1); drop table x; --", '00000000-0000-0000-0000-000000000000'])).toString('base64url')
		await expect(listTemplatesAfter({}, { cursor: forged })).rejects.toBeInstanceOf(InvalidCursorError)
	})
})

describe('the listing tables follow every change to the templates', () => {
	// community_listing_counts and community_template_search are kept by triggers (migration 0014):
	// whatever writes the templates, they must equal a recount and a recomputation.
	async function listingDrift() {
		const counts = await queryRows<{ facet: string; value: string; category: string; stored: number | null; actual: number | null }>(sql`
			with actual as (
				select f.facet, f.value, f.category, count(*)::int as templates
				from ${communityTemplates} t, bazaar_listing_facets(t.category, t.tags, t.supported_formats) f
				where t.visibility = 'public' and t.status = 'active'
				group by 1, 2, 3
			), stored as (select facet, value, category, templates from ${communityListingCounts} where templates <> 0)
			select coalesce(a.facet, s.facet) as facet, coalesce(a.value, s.value) as value, coalesce(a.category, s.category) as category,
				s.templates as stored, a.templates as actual
			from actual a full join stored s using (facet, value, category)
			where a.templates is distinct from s.templates`)
		const documents = await queryRows<{ slug: string }>(sql`
			select t.slug from ${communityTemplates} t left join ${communityTemplateSearch} s on s.template_id = t.id
			where s.template_id is null
				or s.listed is distinct from coalesce(t.visibility = 'public' and t.status = 'active', false)
				or s.category is distinct from t.category
				or s.tags is distinct from coalesce(t.tags, '[]'::jsonb)
				or s.formats is distinct from coalesce(t.supported_formats, '[]'::jsonb)
				or s.document is distinct from bazaar_template_search_document(t.title, t.tags, t.description)`)
		// community_template_terms (0016) follows the search rows: exactly their words and tags, with their ranks.
		const terms = await queryRows<{ kind: string; term: string; template_id: string }>(sql`
			with expected as (
				select terms.* from ${communityTemplateSearch} s,
					bazaar_template_terms(s.template_id, s.category, s.tags, s.formats, s.document) as terms
				where s.listed
			), stored as (
				select kind, term, template_id, category, formats, rank from ${communityTemplateTerms}
			)
			select coalesce(e.kind, s.kind) as kind, coalesce(e.term, s.term) as term, coalesce(e.template_id, s.template_id) as template_id
			from expected e full join stored s on s.kind = e.kind and s.term = e.term and s.template_id = e.template_id
			where e.kind is null or s.kind is null or e.category is distinct from s.category
				or e.formats is distinct from s.formats or e.rank is distinct from s.rank`)
		// community_template_term_counts: a recount of the word rows (a count left at 0 is no drift).
		const termCounts = await queryRows<{ term: string; category: string; formats: number }>(sql`
			with actual as (
				select term, category, formats, count(*)::int as templates from ${communityTemplateTerms} where kind = 'word' group by 1, 2, 3
			), stored as (select term, category, formats, templates from ${communityTemplateTermCounts} where templates <> 0)
			select coalesce(a.term, s.term) as term, coalesce(a.category, s.category) as category, coalesce(a.formats, s.formats) as formats
			from actual a full join stored s on s.term = a.term and s.category = a.category and s.formats = a.formats
			where a.templates is distinct from s.templates`)
		return { counts, documents: documents.map((row) => row.slug), terms, termCounts }
	}

	test('inserts, edits, visibility and status, counters, deletes and bulk loads', async () => {
		expect(await listingDrift()).toEqual({ counts: [], documents: [], terms: [], termCounts: [] })
		const id = await addTemplate({ slug: 'listing-one', title: 'Listing one', category: 'data', tags: ['alpha', 'beta', 'alpha'], supportedFormats: ['portrait'] })
		// A word's stored rank is ts_rank of its lexeme alone; a tag is kept as written, once.
		const terms = await queryRows<{ kind: string; term: string; rank: number | null; formats: number }>(sql`
			select kind, term, rank, formats from ${communityTemplateTerms} where template_id = ${id} order by kind, term`)
		expect(terms.map((row) => `${row.kind}:${row.term}`)).toEqual(['tag:alpha', 'tag:beta', 'word:alpha', 'word:beta', 'word:listing', 'word:one'])
		expect(terms.every((row) => row.formats === 2)).toBe(true)
		expect(terms.filter((row) => row.kind === 'tag').every((row) => row.rank === null)).toBe(true)
		await addTemplate({ slug: 'listing-hidden', title: 'Listing hidden', visibility: 'unlisted', tags: ['alpha'] })
		await addTemplate({ slug: 'listing-odd', title: 'Listing odd', category: null, tags: null, supportedFormats: null })
		expect(await listingDrift()).toEqual({ counts: [], documents: [], terms: [], termCounts: [] })
		const edits: Array<Partial<typeof communityTemplates.$inferInsert>> = [
			{ tags: ['beta', 'gamma'], category: 'promo' },
			{ title: 'Listing renamed', description: 'Now with a description' },
			{ supportedFormats: ['landscape', 'square'] },
			{ visibility: 'unlisted' },
			{ visibility: 'public', status: 'disabled' },
			{ status: 'active' },
			{ favoritesCount: 7, usesCount: 3, viewsCount: 100 },
		]
		for (const edit of edits) {
			await database.db.update(communityTemplates).set(edit).where(eq(communityTemplates.id, id))
			expect({ edit, ...(await listingDrift()) }).toEqual({ edit, counts: [], documents: [], terms: [], termCounts: [] })
		}
		await database.db.update(communityTemplates).set({ category: 'education' }).where(sql`${communityTemplates.slug} like 'listing-%'`)
		await database.db.execute(sql`
			insert into ${communityTemplates} (slug, title, category, tags, supported_formats, visibility)
			select 'listing-bulk-' || i, 'Bulk ' || i, (array['data', 'promo', null])[1 + i % 3], jsonb_build_array('tag' || (i % 7)),
				'["landscape"]'::jsonb, case when i % 5 = 0 then 'unlisted' else 'public' end
			from generate_series(1, 300) as i`)
		expect(await listingDrift()).toEqual({ counts: [], documents: [], terms: [], termCounts: [] })
		await database.db.delete(communityTemplates).where(sql`${communityTemplates.slug} like 'listing-%'`)
		expect(await listingDrift()).toEqual({ counts: [], documents: [], terms: [], termCounts: [] })
	})

	test('the gallery counts and popular tags come from them and match a count of the templates', async () => {
		const live = await queryRows<{ category: string | null; n: number }>(sql`
			select category, count(*)::int as n from ${communityTemplates} where visibility = 'public' and status = 'active' group by category`)
		const { counts, total } = await countTemplatesByCategory()
		expect(total).toBe(live.reduce((sum, row) => sum + Number(row.n), 0))
		expect(counts).toEqual(Object.fromEntries(live.filter((row) => row.category).map((row) => [row.category, Number(row.n)])))
		const tags = await listPopularTags(5, database.db)
		const liveTags = await queryRows<{ tag: string; count: number }>(sql`
			select tag, count(*)::int as count from ${communityTemplates}, jsonb_array_elements_text(tags) as tag
			where visibility = 'public' and status = 'active' group by tag order by count(*) desc, tag limit 5`)
		expect(tags).toEqual(liveTags.map((row) => ({ tag: row.tag, count: Number(row.count) })))
	})
})

describe('on a large table, the gallery keeps to its indexes', () => {
	// Realistic statistics rather than enable_seqscan=off: 5,000 more templates of varied
	// popularity, age, category, tags and formats, then VACUUM ANALYZE, as autovacuum would
	// (the vacuum also merges the GIN indexes' pending lists, which a planner prices high).
	beforeAll(async () => {
		await database.db.execute(sql`
			insert into ${communityTemplates} (slug, title, description, tags, category, supported_formats, views_count, favorites_count, uses_count, created_at)
			select 'bulk-' || i, 'Bulk template ' || i || (case when i % 500 = 0 then ' aurora' else '' end),
				'Generated for the plan test, number ' || i, jsonb_build_array('bulk', 'tag' || (i % 50)),
				(array['intros', 'titles', 'social', 'data', 'promo', 'lower-thirds', 'transitions', 'education'])[1 + i % 8],
				case i % 3 when 0 then '["landscape","portrait","square"]'::jsonb when 1 then '["landscape"]'::jsonb else '["portrait","square"]'::jsonb end,
				(i::bigint * 7919) % 5000, (i::bigint * 104729) % 300, (i::bigint * 1299709) % 200, now() - (i % 720) * interval '1 hour'
			from generate_series(1, 5000) as i`)
		await database.db.execute(sql`vacuum analyze`)
	})

	const seqScanOn = (plan: string, table: string) => plan.includes(`Seq Scan on "bazaar-vid_${table}"`)

	test('a search of several words ranks from the stored documents through their GIN index, and visits no template but the page', async () => {
		const plan = await explainGalleryQuery({ q: 'bulk aurora' })
		expect(plan).toContain('community_template_search_document_idx')
		expect(seqScanOn(plan, 'community_template_search')).toBe(false)
		expect(seqScanOn(plan, 'community_templates')).toBe(false)
		// No document is built again from the title, tags and description.
		expect(plan).not.toContain('to_tsvector')
		expect((await searchTemplates({ q: 'bul auror' })).total).toBe(10)
		for (const filters of [{ q: 'bulk aurora', sort: 'new' as const }, { q: 'bulk aurora', category: 'data' as const, tag: 'bulk' }]) {
			const filtered = await explainGalleryQuery(filters)
			expect(filtered).toContain('community_template_search_document_idx')
			expect(seqScanOn(filtered, 'community_templates')).toBe(false)
		}
		// Another order: walk its index keeping the matches, or look each match up (whichever the statement chooses).
		const byNew = await explainGalleryQuery({ q: 'bulk template', sort: 'new' })
		expect(byNew).toContain('community_templates_listed_new_idx')
		expect(seqScanOn(byNew, 'community_templates')).toBe(false)
		// A prefix of several lexemes (tag0 … tag49) is searched there too.
		expect(await explainGalleryQuery({ q: 'tag' })).toContain('community_template_search_document_idx')
	})

	test('a search of one word reads the terms index alone: its rows give the matches, their counts and their exact ranks', async () => {
		const termsIndexOnly = 'Index Only Scan using "bazaar-vid_community_template_terms_pkey"'
		for (const filters of [
			{ q: 'aurora' },
			{ q: 'bulk', category: 'data' as const },
			{ q: 'bulk', format: 'portrait' as const, tag: 'tag7' },
			{ q: 'bulk', sort: 'most-used' as const },
		]) {
			const plan = await explainGalleryQuery(filters)
			expect({ filters, termsIndexOnly: plan.includes(termsIndexOnly) }).toEqual({ filters, termsIndexOnly: true })
			expect(plan).not.toContain('community_template_search_document_idx')
			for (const table of ['community_template_terms', 'community_template_search', 'community_templates']) expect(seqScanOn(plan, table)).toBe(false)
		}
		// Counts of one lexeme come from its rows of community_template_term_counts; a tag's are counted on the word's rows.
		expect(await explainGalleryQuery({ q: 'aurora', format: 'square' })).toContain('bazaar-vid_community_template_term_counts_pkey')
		expect(await explainGalleryQuery({ q: 'aurora', tag: 'bulk' })).not.toContain('community_template_term_counts')
		// By another order the order's index is walked, each template it passes probed in the word's rows.
		const byNew = await explainGalleryQuery({ q: 'bulk', sort: 'new' })
		expect(byNew).toContain('community_templates_listed_new_idx')
		expect(byNew).toContain(termsIndexOnly)
		expect((await searchTemplates({ q: 'auror' })).total).toBe(10)
		// The counts and totals are those of the documents' own search (the GIN path of countTemplatesByCategory).
		for (const filters of [{ q: 'bulk' }, { q: 'bulk', tag: 'tag7', format: 'square' as const }, { q: 'aurora', category: 'data' as const }]) {
			const { categoryCounts, totalInAllCategories } = await searchTemplates(filters)
			const { counts, total } = await countTemplatesByCategory(filters)
			expect({ filters, categoryCounts, totalInAllCategories }).toEqual({ filters, categoryCounts: counts, totalInAllCategories: total })
		}
		// A prefix of a common lexeme and a rare one ('bulk' and 'bulky'): each template once, and the one
		// holding both ranked from its document (its rank adds both), first.
		await addTemplate({ slug: 'bulky-aurora', title: 'Bulky aurora', tags: ['bulk'], category: 'data' })
		const plan = await explainGalleryQuery({ q: 'bulk' })
		expect(plan).toContain(termsIndexOnly)
		expect(plan).not.toContain('community_template_search_document_idx')
		for (const sort of [undefined, 'new'] as const) {
			const gallery = (await Promise.all([1, 2].map((page) => searchTemplates({ q: 'bulk', sort }, { page, pageSize: 20 })))).flatMap((result) => slugsOf(result.items))
			expect({ sort, gallery }).toEqual({ sort, gallery: slugsOf((await listTemplatesAfter({ q: 'bulk', sort }, { limit: 40 })).items) })
		}
		expect(slugsOf((await searchTemplates({ q: 'bulk' })).items)[0]).toBe('bulky-aurora')
		const { categoryCounts, totalInAllCategories } = await searchTemplates({ q: 'bulk' })
		const { counts, total } = await countTemplatesByCategory({ q: 'bulk' })
		expect({ categoryCounts, totalInAllCategories }).toEqual({ categoryCounts: counts, totalInAllCategories: total })
		// A template holding only the rarer lexeme is counted too (beside the main lexeme's stored counts).
		await addTemplate({ slug: 'bulky-comet', title: 'Bulky comet', category: 'titles', supportedFormats: ['landscape'] })
		expect(await explainGalleryQuery({ q: 'bulk' })).toContain('bazaar-vid_community_template_term_counts_pkey')
		for (const filters of [{ q: 'bulk' }, { q: 'bulk', format: 'landscape' as const }, { q: 'bulk', format: 'square' as const }, { q: 'bulk', category: 'titles' as const }]) {
			expect(await explainGalleryQuery(filters)).not.toContain('community_template_search_document_idx')
			const { categoryCounts, totalInAllCategories, total } = await searchTemplates(filters)
			const reference = await countTemplatesByCategory(filters)
			expect({ filters, categoryCounts, totalInAllCategories }).toEqual({ filters, categoryCounts: reference.counts, totalInAllCategories: reference.total })
			expect(total).toBe(filters.category ? reference.counts[filters.category] : reference.total)
		}
		expect(slugsOf((await searchTemplates({ q: 'bulk', category: 'titles', sort: 'new' })).items)[0]).toBe('bulky-comet')
	})

	test('a search of several words matches each prefix as its lexemes in the catalogue, with the pages, totals and counts of its prefix query', async () => {
		// 'bul' is three lexemes (bulk, bulky, bullet), 'tag' fifty (tag0 … tag49: it stays a prefix),
		// 'quas' none that is listed (an unlisted template holds 'quasar').
		await addTemplate({ slug: 'bulky-nova', title: 'Bulky nova', tags: ['aurora'], category: 'data' })
		await addTemplate({ slug: 'bullet-aurora', title: 'Bullet aurora', description: 'An aurora of bullet points', category: 'titles' })
		await addTemplate({ slug: 'unlisted-quasar', title: 'Bulk quasar aurora', visibility: 'unlisted' })
		// The terms' primary key gives each prefix's lexemes, in the same statement as the GIN search.
		const plan = await explainGalleryQuery({ q: 'bul auror' })
		expect(plan).toContain('community_template_search_document_idx')
		expect(plan).toContain('bazaar-vid_community_template_terms_pkey')
		for (const q of ['bul auror', 'bulk aurora', 'aurora bul', 'bulk tag7', 'tag1 bul', 'bulk quas', 'bul aurora bullet']) {
			for (const sort of [undefined, 'new'] as const) {
				const pages = await Promise.all([1, 2].map((page) => searchTemplates({ q, sort }, { page, pageSize: 20 })))
				const reference = slugsOf((await listTemplatesAfter({ q, sort }, { limit: 40 })).items)
				expect({ q, sort, gallery: pages.flatMap((result) => slugsOf(result.items)) }).toEqual({ q, sort, gallery: reference })
				const { counts, total } = await countTemplatesByCategory({ q })
				expect({ q, sort, counts: pages[0]!.categoryCounts, total: pages[0]!.total }).toEqual({ q, sort, counts, total })
			}
		}
		expect(slugsOf((await searchTemplates({ q: 'bul auror' }, { pageSize: 100 })).items)).toEqual(expect.arrayContaining(['bulky-nova', 'bullet-aurora']))
		expect((await searchTemplates({ q: 'bulk quas' })).total).toBe(0)
		// A lexeme published just now is matched by the next search: nothing about the catalogue's lexemes is kept.
		expect((await searchTemplates({ q: 'bulk nebul' })).total).toBe(0)
		await addTemplate({ slug: 'bulk-nebula', title: 'Bulk nebula' })
		expect(slugsOf((await searchTemplates({ q: 'bulk nebul' })).items)).toEqual(['bulk-nebula'])
	})

	test.each([undefined, 'new', 'popular', 'most-used', 'trending'] as const)(
		'search pages (sort %s) are the same as ordering every match, whether matches are many or few',
		async (sort) => {
			// 'bulk' matches 5,000 (the order's index is walked), 'aurora' 10 and 'tag7' 100 (each match is looked up);
			// the API's keyset list orders every match by the same keys, the plain way.
			for (const q of ['bulk', 'aurora', 'tag7']) {
				const pages = [1, 2, 3].map((page) => searchTemplates({ q, sort }, { page, pageSize: 20 }))
				const gallery = (await Promise.all(pages)).flatMap((result) => slugsOf(result.items))
				const reference = slugsOf((await listTemplatesAfter({ q, sort }, { limit: 60 })).items)
				expect({ q, gallery }).toEqual({ q, gallery: reference })
				const inCategory = slugsOf((await searchTemplates({ q, sort, category: 'data' }, { page: 2, pageSize: 10 })).items)
				expect({ q, inCategory }).toEqual({ q, inCategory: slugsOf((await listTemplatesAfter({ q, sort, category: 'data' }, { limit: 20 })).items).slice(10) })
			}
		},
	)

	test.each<[TemplateFilters & { page?: number }, string]>([
		[{}, 'community_templates_listed_popular_idx'],
		[{ category: 'data' }, 'community_templates_listed_popular_idx'],
		[{ format: 'portrait' }, 'community_templates_listed_popular_idx'],
		[{ sort: 'new' }, 'community_templates_listed_new_idx'],
		[{ sort: 'new', page: 20 }, 'community_templates_listed_new_idx'],
		[{ sort: 'most-used' }, 'community_templates_listed_most_used_idx'],
	])('%o walks %s for its page and counts nothing', async ({ page, ...filters }, index) => {
		const plan = await explainGalleryQuery(filters, { page })
		expect(plan).toContain(index)
		expect(seqScanOn(plan, 'community_templates')).toBe(false)
		expect(plan).toContain('bazaar-vid_community_listing_counts')
	})

	test('trending walks the stored scores down their index, then the unscored down popularity; it sums no metrics', async () => {
		await database.db.execute(sql`
			insert into ${communityMetricsDaily} (template_id, day, event_type, count)
			select id, (now() at time zone 'utc')::date - (views_count % 7)::int, 'view', 1 + favorites_count
			from ${communityTemplates} where slug like 'bulk-%' and views_count % 5 = 0
			on conflict do nothing`)
		await database.db.execute(sql`vacuum analyze`)
		for (const filters of [{ sort: 'trending' as const }, { sort: 'trending' as const, category: 'data' as const }, { sort: 'trending' as const, format: 'portrait' as const }]) {
			const plan = await explainGalleryQuery(filters, { analyze: true })
			expect(plan).toContain('bazaar-vid_community_trending_scores_score_idx')
			expect(plan).toContain('community_templates_listed_popular_idx')
			// The branch for an old window (each template in the filters scored from its metrics) is planned but never runs.
			const executed = plan.split('\n').filter((line) => !line.includes('(never executed)'))
			expect(executed.filter((line) => line.includes('Seq Scan on "bazaar-vid_community_templates"'))).toEqual([])
			expect(executed.filter((line) => line.includes('community_metrics_daily'))).toEqual([])
		}
	})

	test('a tag narrows through its GIN index or the order\'s; tag and format together are counted on the templates without a scan', async () => {
		for (const filters of [{ tag: 'tag7' }, { tag: 'tag7', format: 'square' as const }]) {
			const plan = await explainGalleryQuery(filters)
			expect(seqScanOn(plan, 'community_templates')).toBe(false)
		}
		expect((await searchTemplates({ tag: 'tag7', format: 'square' })).total).toBe((await countTemplatesByCategory({ tag: 'tag7', format: 'square' })).total)
	})
})
