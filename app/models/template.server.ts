/**
 * Template queries: the gallery, the JSON API list, a template page, the
 * sitemap. Public lists only ever show `public` + `active` templates.
 *
 * Search is PostgreSQL full text over `bazaar_template_search_document(title,
 * tags, description)` (migration 0007: weights A/B/C, accents folded), stored
 * per template in community_template_search and GIN indexed there (0013, kept
 * by triggers, 0014); every query term is a prefix, so `logo anim` finds
 * "Logo Animation". The category counts come from community_listing_counts
 * (same triggers) unless a search or a tag with a format narrows them.
 * Orders are keysets (all keys descending, the id last) so the API can page
 * with an opaque cursor; the gallery pages by number over the same order.
 */
import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm'
import { type Database, db, queryRows } from '#app/db/client.server.ts'
import {
	communityCreatorProfiles,
	communityFavorites,
	communityListingCounts,
	communityMetricsDaily,
	communityTrendingScores,
	communityTrendingWindow,
	communityTemplateRenders,
	communityTemplateScenes,
	communityTemplateSearch,
	communityTemplateTermCounts,
	communityTemplateTerms,
	communityTemplates,
	users,
} from '#app/db/schema.ts'
import { type Format, FORMATS, type Status, type Visibility } from '#app/vocabulary.ts'
import { GALLERY_PAGE_SIZE, type TemplateFilters, type TemplateSort } from '#app/utils/template-filters.ts'
import { couldBeTemplateKey, isUuid } from '#app/utils/ids.ts'
import { type TemplateVersionSummary, listTemplateVersions } from './template-version.server.ts'
import { type RenderSummary, type RenderSummaryRow, renderSummaryFrom } from './render-summary.ts'
import { trendingWindowStart } from './trending.server.ts'

const t = communityTemplates
/** Each template's stored search document and what search filters by (kept by triggers, migration 0014). */
const s = communityTemplateSearch

/**
 * Listed = public and active. Written with literals (not parameters) so the
 * planner can match the partial indexes of migration 0006 even in a generic plan.
 */
export const isListedTemplate = sql`(${t.visibility} = 'public' and ${t.status} = 'active')`

/** All-time popularity; the same expression as `community_templates_listed_popular_idx`. */
const popularity = sql`(${t.viewsCount} + 3 * ${t.favoritesCount} + 5 * ${t.usesCount})`


export interface TemplateSummary {
	id: string
	slug: string
	title: string
	description: string | null
	category: string | null
	tags: string[]
	formats: Format[]
	thumbnailUrl: string | null
	creatorName: string | null
	/** The creator's profile handle (`/creators/:handle`); null while they have none. */
	creatorHandle: string | null
	sceneCount: number
	totalDuration: number
	viewsCount: number
	favoritesCount: number
	usesCount: number
	createdAt: string
	updatedAt: string
	/** Posters, social image, motion preview and whether every scene played (docs/rendering.md). */
	render: RenderSummary
}

/**
 * The versions of what a summary shows, for a data ETag (app/utils/http-cache.server.ts
 * `dataEtag`): the row's update time and what can change without it (counters, the
 * creator's name and handle, the thumbnail, the render's status and pictures).
 */
export function templateSummaryVersion(item: TemplateSummary) {
	return [item.id, item.updatedAt, item.viewsCount, item.favoritesCount, item.usesCount, item.creatorName, item.creatorHandle, item.thumbnailUrl, item.render.status, item.render.posterUrl, item.render.motionUrl].join(':')
}

/** A template page's versions: its summary's, plus its visibility, status, creator picture and scenes. */
export function templateDetailVersion(detail: TemplateDetail) {
	return [
		templateSummaryVersion(detail),
		detail.visibility,
		detail.status,
		detail.creatorImage,
		...detail.scenes.map((scene) => `${scene.index}:${scene.duration}:${scene.previewFrame}:${scene.title}`),
	].join('|')
}

/** What a gallery card shows: a summary without the fields only the API and the template page use (smaller page data). */
/**
 * What a gallery card shows, and nothing else: a page sends it twice (as
 * markup and as the data the browser hydrates from), 24 times. Pictures a
 * template does not have yet are left out rather than sent as nulls.
 */
export type TemplateCardSummary = Pick<
	TemplateSummary,
	'id' | 'slug' | 'title' | 'category' | 'formats' | 'creatorName' | 'creatorHandle' | 'sceneCount' | 'totalDuration' | 'viewsCount' | 'favoritesCount' | 'usesCount'
> & {
	/** Every scene played from start to end without an error (the "Plays in Bazaar" mark). */
	verified: boolean
	/** The rendered poster (or the creator's own picture); absent while only the generated artwork exists. */
	thumbnailUrl?: string
	/** The rendered poster 1280 wide, sent only when the thumbnail is that poster's 640 wide file. */
	posterLargeUrl?: string
	motionUrl?: string
}

export function toTemplateCard(template: TemplateSummary): TemplateCardSummary {
	const card: TemplateCardSummary = {
		id: template.id,
		slug: template.slug,
		title: template.title,
		category: template.category,
		formats: template.formats,
		creatorName: template.creatorName,
		creatorHandle: template.creatorHandle,
		sceneCount: template.sceneCount,
		totalDuration: template.totalDuration,
		viewsCount: template.viewsCount,
		favoritesCount: template.favoritesCount,
		usesCount: template.usesCount,
		verified: template.render.status === 'verified',
	}
	if (template.thumbnailUrl) {
		card.thumbnailUrl = template.thumbnailUrl
		if (template.render.posterLargeUrl && template.thumbnailUrl === template.render.posterUrl) card.posterLargeUrl = template.render.posterLargeUrl
	}
	if (template.render.motionUrl) card.motionUrl = template.render.motionUrl
	return card
}

/** A search string as a prefix tsquery (`logo anim` → `logo:* & anim:*`), or null when it holds no word. */
export function toPrefixTsQuery(text: string) {
	const terms = text
		.normalize('NFKC')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.slice(0, 8)
	return terms.length > 0 ? terms.map((term) => `${term}:*`).join(' & ') : null
}

function tsQuery(prefixQuery: string) {
	return sql`to_tsquery('simple'::regconfig, bazaar_unaccent(${prefixQuery}))`
}

/**
 * The filters as conditions on the templates. A search needs the template's
 * row of community_template_search joined (its stored document, the partial
 * GIN index on listed rows).
 */
function filterConditions(filters: TemplateFilters, { includeCategory = true } = {}) {
	const conditions: SQL[] = [isListedTemplate]
	const prefixQuery = filters.q ? toPrefixTsQuery(filters.q) : null
	if (prefixQuery) conditions.push(sql`${s.listed} and ${s.document} @@ ${tsQuery(prefixQuery)}`)
	if (includeCategory && filters.category) conditions.push(eq(t.category, filters.category))
	if (filters.tag) conditions.push(sql`${t.tags} @> ${JSON.stringify([filters.tag])}::jsonb`)
	if (filters.format) conditions.push(sql`${t.supportedFormats} @> ${JSON.stringify([filters.format])}::jsonb`)
	return { where: and(...conditions)!, prefixQuery }
}

// ---------------------------------------------------------------------------
// Orders and cursors
// ---------------------------------------------------------------------------

type KeyType = 'bigint' | 'real' | 'timestamptz'
interface OrderKey {
	expression: SQL
	type: KeyType
}
type OrderName = TemplateSort | 'relevance'

const scores = communityTrendingScores
/**
 * Whether community_trending_scores holds the current window (migration 0019):
 * the nightly aggregation moves it each day; until it has, after midnight UTC,
 * trending is counted from the metrics as before (also without a window row:
 * false, never null, or the counted branch would not run either). An
 * uncorrelated subquery, so one read per statement (and a one-time filter
 * where it gates a branch).
 */
const trendingScoresAreCurrent = sql`coalesce((select ${communityTrendingWindow.since} from ${communityTrendingWindow}) = ${trendingWindowStart}, false)`
const countedTrendingScore = sql`coalesce((
	select sum(m.count * bazaar_trending_weight(m.event_type))
	from ${communityMetricsDaily} m
	where m.template_id = ${t.id} and m.day >= ${trendingWindowStart}
), 0)`
const trendingScore = sql`(case when ${trendingScoresAreCurrent}
	then coalesce((select ${scores.score} from ${scores} where ${scores.templateId} = ${t.id}), 0)
	else ${countedTrendingScore} end)::bigint`

function orderKeys(order: OrderName, prefixQuery: string | null): OrderKey[] {
	switch (order) {
		case 'relevance':
			return [
				{ expression: sql`ts_rank(${s.document}, ${tsQuery(prefixQuery ?? '')})`, type: 'real' },
				{ expression: popularity, type: 'bigint' },
			]
		case 'new':
			return [{ expression: sql`${t.createdAt}`, type: 'timestamptz' }]
		case 'most-used':
			return [{ expression: sql`${t.usesCount}`, type: 'bigint' }]
		case 'trending':
			return [
				{ expression: trendingScore, type: 'bigint' },
				{ expression: popularity, type: 'bigint' },
			]
		case 'popular':
			return [{ expression: popularity, type: 'bigint' }]
	}
}

function resolveOrder(filters: TemplateFilters, prefixQuery: string | null): OrderName {
	return filters.sort ?? (prefixQuery ? 'relevance' : 'popular')
}

const KEY_PATTERNS: Record<KeyType, RegExp> = {
	bigint: /^-?\d{1,19}$/,
	real: /^-?(\d+(\.\d+)?([eE][-+]?\d+)?|\d*\.\d+([eE][-+]?\d+)?)$/,
	timestamptz: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/,
}
const CURSOR_SEPARATOR = '|'

export class InvalidCursorError extends Error {
	constructor() {
		super('The cursor is not valid for this list')
		this.name = 'InvalidCursorError'
	}
}

interface DecodedCursor {
	values: string[]
	id: string
}

/** Cursors are opaque to clients: base64url of the order's name and the last row's keys. */
function encodeCursor(order: OrderName, keyText: string) {
	return Buffer.from(JSON.stringify([order, ...keyText.split(CURSOR_SEPARATOR)])).toString('base64url')
}

function decodeCursor(cursor: string, order: OrderName, keys: OrderKey[]): DecodedCursor {
	let decoded: unknown
	try {
		decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
	} catch {
		throw new InvalidCursorError()
	}
	if (!Array.isArray(decoded) || decoded.length !== keys.length + 2 || decoded[0] !== order) throw new InvalidCursorError()
	const values = decoded.slice(1, -1)
	const id = decoded.at(-1)
	const valid =
		values.every((value, index) => typeof value === 'string' && KEY_PATTERNS[keys[index]!.type].test(value)) &&
		typeof id === 'string' &&
		isUuid(id)
	if (!valid) throw new InvalidCursorError()
	return { values: values as string[], id: id as string }
}

function afterCursor(keys: OrderKey[], cursor: DecodedCursor) {
	const left = sql.join([...keys.map((key) => key.expression), sql`${t.id}`], sql`, `)
	const right = sql.join(
		[...cursor.values.map((value, index) => sql`${value}::${sql.raw(keys[index]!.type)}`), sql`${cursor.id}::uuid`],
		sql`, `,
	)
	return sql`(${left}) < (${right})`
}

// ---------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------

/** The columns of a gallery card; join `users` on the owner to use them. */
export const templateSummaryColumns = {
	id: t.id,
	slug: t.slug,
	title: t.title,
	description: t.description,
	category: t.category,
	tags: t.tags,
	formats: t.supportedFormats,
	thumbnailUrl: t.thumbnailUrl,
	creatorName: users.name,
	creatorHandle: sql<string | null>`(select p.handle from ${communityCreatorProfiles} p where p.user_id = ${t.ownerUserId})`,
	sceneCount: sql<number>`(select count(*)::int from ${communityTemplateScenes} s where s.template_id = ${t.id})`,
	totalDuration: sql<number>`(select coalesce(sum(s.duration), 0)::int from ${communityTemplateScenes} s where s.template_id = ${t.id})`,
	viewsCount: t.viewsCount,
	favoritesCount: t.favoritesCount,
	usesCount: t.usesCount,
	createdAt: t.createdAt,
	updatedAt: t.updatedAt,
	render: sql<RenderSummaryRow | null>`(select jsonb_build_object(
		'status', r.status, 'social', r.social_image_sha256, 'motion', r.motion_sha256,
		'poster640', r.scenes->0->>'poster640', 'poster1280', r.scenes->0->>'poster1280',
		'width', r.scenes->0->'width', 'height', r.scenes->0->'height')
		from ${communityTemplateRenders} r where r.template_id = ${t.id})`,
}

type SummaryRow = {
	[K in keyof typeof templateSummaryColumns]: K extends 'createdAt' | 'updatedAt' ? Date : unknown
} & Record<string, unknown>

export function toTemplateSummary(row: SummaryRow): TemplateSummary {
	return {
		id: row.id as string,
		slug: row.slug as string,
		title: row.title as string,
		description: (row.description as string | null) ?? null,
		category: (row.category as string | null) ?? null,
		tags: (row.tags as string[] | null) ?? [],
		formats: (row.formats as Format[] | null) ?? [],
		thumbnailUrl: (row.thumbnailUrl as string | null) ?? null,
		creatorName: (row.creatorName as string | null) ?? null,
		creatorHandle: (row.creatorHandle as string | null) ?? null,
		sceneCount: Number(row.sceneCount),
		totalDuration: Number(row.totalDuration),
		viewsCount: Number(row.viewsCount),
		favoritesCount: Number(row.favoritesCount),
		usesCount: Number(row.usesCount),
		createdAt: new Date(row.createdAt).toISOString(),
		updatedAt: new Date(row.updatedAt).toISOString(),
		render: renderSummaryFrom(parsedJson<RenderSummaryRow>(row.render)),
	}
}

/** A jsonb value as the driver hands it back: parsed already, or (through a subquery on some drivers) as text. */
function parsedJson<T>(value: unknown): T | null {
	if (value === null || value === undefined) return null
	return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

function orderBy(keys: OrderKey[]) {
	return [...keys.map((key) => sql`${key.expression} desc`), sql`${t.id} desc`]
}

/** A category's count as the navigation shows it: templates without a category count in the total only. */
type CategoryCountRow = { category: string | null; templates: number }

/**
 * How many listed templates each category holds within the filters (the
 * category filter aside), as rows of (category, templates), without counting
 * the templates on every request where it can: with no search and at most one
 * of tag and format, the listing counts (community_listing_counts, kept by
 * triggers) hold the answer in a few rows. A search counts its own matches
 * (`matches`, which must then be defined); a tag and a format together are
 * counted on the templates (their GIN index on tags narrows them first).
 */
function categoryCountRows(filters: TemplateFilters, prefixQuery: string | null, word: SearchWord | null = null): SQL {
	if (word && !filters.tag) {
		// The main lexeme's counts per category and formats (community_template_term_counts) hold the
		// answer for its rows; the templates holding only rarer lexemes of the prefix (other_rows of
		// `termMatches`, each once) are added, counted: a few rows, where counting the main lexeme's
		// rows took 8.5 ms for `chart` (21,000 rows, with a demo's `charts`) on 100,000 templates.
		const counts = communityTemplateTermCounts
		const format = filters.format ? sql` and ${counts.formats} & ${formatBit(filters.format)}::smallint <> 0` : sql``
		const mainCounts = sql`select ${counts.category} as category, ${counts.templates} as templates from ${counts}
			where ${counts.term} = ${word.main}${format}`
		const otherCounts = sql` union all select other_rows.category, 1 from other_rows where not other_rows.with_main and other_rows.nth = 1`
		return sql`select category, sum(templates)::int as templates from (${mainCounts}${word.others.length > 0 ? otherCounts : sql``}) as parts group by category`
	}
	if (prefixQuery) return sql`select category, count(*)::int as templates from matches group by category`
	if (filters.tag && filters.format) {
		const { where } = filterConditions(filters, { includeCategory: false })
		return sql`select ${t.category} as category, count(*)::int as templates from ${t} where ${where} group by ${t.category}`
	}
	const [facet, value] = filters.tag ? ['tag', filters.tag] : filters.format ? ['format', filters.format] : ['listed', '']
	const counts = communityListingCounts
	return sql`select ${counts.category} as category, ${counts.templates} as templates from ${counts} where ${counts.facet} = ${facet} and ${counts.value} = ${value}`
}

/**
 * The search's matches from the stored documents (no template is visited):
 * what the counts and the page of a search read. With `rankIn`, each match in
 * that category (every match for 'all') is ranked once, here.
 */
function searchMatches(
	filters: TemplateFilters,
	prefixQuery: string,
	{ rankIn, prefixes }: { rankIn?: 'all' | string; prefixes?: string[] | null } = {},
) {
	const query = tsQuery(prefixQuery)
	const matchQuery = prefixes ? lexemeQuery(prefixes) : query
	const narrowing = [
		...(filters.tag ? [sql` and ${s.tags} @> ${JSON.stringify([filters.tag])}::jsonb`] : []),
		...(filters.format ? [sql` and ${s.formats} @> ${JSON.stringify([filters.format])}::jsonb`] : []),
	]
	const rank = sql`ts_rank(${s.document}, ${query})`
	const rankColumn = !rankIn ? sql`null::real` : rankIn === 'all' ? rank : sql`case when ${s.category} = ${rankIn} then ${rank} end`
	return sql`matches as materialized (
		select ${s.templateId} as id, ${s.category} as category, ${rankColumn} as rank
		from ${s}
		where ${s.listed} and ${s.document} @@ ${matchQuery}${sql.join(narrowing)}
	)`
}

/**
 * A prefix of at most this many lexemes in the catalogue is searched as those
 * lexemes: one word through community_template_terms (`searchWord`), several
 * words through GIN with each prefix replaced by its lexemes (`lexemeQuery`).
 */
const MOST_LEXEMES_PER_PREFIX = 8

/** Text as tsquery input for one lexeme: quoted, never parsed again (as 0016's bazaar_template_terms quotes it). */
const quotedLexeme = (text: SQL) => sql`'''' || replace(replace(${text}, '\\', '\\\\'), '''', '''''') || ''''`

/**
 * The tsquery a search matches the listed documents with: the same matches as
 * its prefix query, each prefix replaced by its lexemes in the catalogue
 * (`'logo':* & 'anim':*` → `'logo' & ('animated' | 'animation')`), read from
 * the search terms' primary key (bazaar_word_terms, one descent per lexeme) in
 * the same statement, so in the same snapshot as the documents. The terms hold
 * every lexeme of every listed document and are written in the same
 * transactions as the documents, so a listed document holds a lexeme starting
 * with the prefix exactly when it holds one of these. Why: GIN reads an exact
 * lexeme's posting list and intersects it with the other word's, skipping,
 * while a prefix is a partial match whose entries it first gathers into a
 * bitmap (`logo anim` on 100,000 templates: 1.4 ms against 3.9,
 * docs/performance.md). A prefix of no lexeme becomes that text as a lexeme
 * (no listed document holds it either, and GIN stops at once); a prefix of
 * more than MOST_LEXEMES_PER_PREFIX lexemes stays a prefix, since GIN combines
 * many posting lists more slowly than it gathers them (15 lexemes: 9.4 ms
 * against 5.6). The rank is still ts_rank of the prefix query.
 */
function lexemeQuery(prefixes: string[]) {
	const parts = prefixes.map((prefix) => {
		const asLexeme = quotedLexeme(sql`${prefix}::text`)
		return sql`(select (case when count(*) <= ${MOST_LEXEMES_PER_PREFIX}
				then coalesce(string_agg(${quotedLexeme(sql`lexeme`)}, ' | '), ${asLexeme})
				else ${asLexeme} || ':*' end)::tsquery
			from bazaar_word_terms(${prefix}, ${MOST_LEXEMES_PER_PREFIX + 1}) as lexeme)`
	})
	return sql`(${sql.join(parts, sql` && `)})`
}

/** The search's one word as community_template_terms holds it, when it can answer the search (see `searchWord`). */
interface SearchWord {
	/** The lexeme with the most rows among those the search's one prefix matches. */
	main: string
	/** The prefix's other lexemes (rarer ones, such as the plural of a word): usually none. */
	others: string[]
}

/** A word whose prefix has more than one lexeme this common is searched through the GIN index. */
const COMMON_LEXEME_ROWS = 1000

/** The lexeme prefixes of a prefix tsquery as PostgreSQL prints it (`'logo':* & 'anim':*`), each once, or null when it is anything else. */
export function prefixesOfQueryText(queryText: string): string[] | null {
	if (!queryText) return null
	const prefixes = new Set<string>()
	for (const item of queryText.split(' & ')) {
		const match = /^'((?:[^'\\]|'')+)':\*$/.exec(item)
		if (!match) return null
		prefixes.add(match[1]!.replaceAll("''", "'"))
	}
	return [...prefixes]
}

/** to_tsquery's text of a prefix query, which never changes for the same text (bazaar_unaccent is immutable): kept for the most recent ones. */
const queryTextCache = new Map<string, string>()
const QUERY_TEXT_CACHE_SIZE = 500

async function tsQueryText(prefixQuery: string, database: Database) {
	const cached = queryTextCache.get(prefixQuery)
	if (cached !== undefined) return cached
	const [row] = await queryRows<{ text: string }>(sql`select ${tsQuery(prefixQuery)}::text as text`, database)
	const text = row?.text ?? ''
	if (queryTextCache.size >= QUERY_TEXT_CACHE_SIZE) queryTextCache.delete(queryTextCache.keys().next().value!)
	queryTextCache.set(prefixQuery, text)
	return text
}

/**
 * Whether community_template_terms can answer a search, and with which
 * lexemes: when its tsquery is one prefix (one word, typed once or more) of
 * at most eight lexemes in the whole catalogue, at most one of them common.
 * The matches are then that lexeme's rows (each template once), and each
 * match's rank is exact: ts_rank of a prefix adds one part per lexeme it
 * matches in the document, so a template with one of the lexemes ranks as its
 * row says, and the few with more are ranked from their stored document.
 * Anything else is searched through the stored documents' GIN index: several
 * words (GIN intersects its compressed list of each word faster than joining
 * the words' rows here), a prefix of many lexemes, or of several common ones,
 * or of none, a query the parser turned into something else. The lexemes are
 * looked up just before the search's statement: one first published in
 * between is found from the next search on.
 */
async function searchWord(prefixes: string[] | null, database: Database): Promise<SearchWord | null> {
	if (!prefixes || prefixes.length !== 1) return null
	const w = communityTemplateTerms
	const lexemes = await queryRows<{ lexeme: string; rows: number }>(
		sql`select lexeme, case when count(*) over () > 1
				then (select count(*)::int from (select 1 from ${w} where ${w.kind} = 'word' and ${w.term} = lexeme limit ${COMMON_LEXEME_ROWS}) as capped)
				else 0 end as rows
			from bazaar_word_terms(${prefixes[0]}, ${MOST_LEXEMES_PER_PREFIX + 1}) as lexeme`,
		database,
	)
	if (lexemes.length === 0 || lexemes.length > MOST_LEXEMES_PER_PREFIX) return null
	const byRows = [...lexemes].sort((a, b) => Number(b.rows) - Number(a.rows))
	if (byRows.length > 1 && Number(byRows[1]!.rows) >= COMMON_LEXEME_ROWS) return null
	return { main: byRows[0]!.lexeme, others: byRows.slice(1).map((row) => row.lexeme) }
}

/**
 * How the gallery searches: `word` when community_template_terms answers it
 * (`searchWord`), else, for several words, `prefixes`, which its GIN search
 * matches as their lexemes (`lexemeQuery`); neither when there is no search,
 * one word the terms cannot answer, or a tsquery that is not plain prefixes
 * (the prefix query is matched as it is).
 */
interface SearchPlan {
	/** The search as a prefix tsquery (`toPrefixTsQuery`), null without one. */
	prefixQuery: string | null
	word: SearchWord | null
	prefixes: string[] | null
}

async function planSearch(filters: TemplateFilters, database: Database): Promise<SearchPlan> {
	const prefixQuery = filters.q ? toPrefixTsQuery(filters.q) : null
	if (!prefixQuery) return { prefixQuery, word: null, prefixes: null }
	const prefixes = prefixesOfQueryText(await tsQueryText(prefixQuery, database))
	const word = await searchWord(prefixes, database)
	// One prefix alone gains nothing from its lexemes (GIN reads the same posting lists either way),
	// and `quokka`, of no lexeme, would pay for looking them up again: several words only.
	return { prefixQuery, word, prefixes: !word && prefixes && prefixes.length > 1 ? prefixes : null }
}

/** A format as community_template_terms stores it: 1 << its place in FORMATS (bazaar_format_bits). */
const formatBit = (format: Format) => 1 << FORMATS.indexOf(format)

/** The filters other than category and the search, as conditions on rows of community_template_terms (`alias`). */
function termNarrowing(filters: TemplateFilters, alias: SQL) {
	const w = communityTemplateTerms
	return sql.join([
		...(filters.format ? [sql` and ${alias}.formats & ${formatBit(filters.format)}::smallint <> 0`] : []),
		...(filters.tag ? [sql` and ${alias}.template_id in (select tag.template_id from ${w} as tag where tag.kind = 'tag' and tag.term = ${filters.tag})`] : []),
	])
}

/**
 * The search's matches from community_template_terms: an index-only scan of
 * its primary key for the main lexeme (the rarer ones' rows added, each
 * template once), with the columns of `searchMatches` and every match's exact
 * rank. Not materialized: each use reads the index again, which costs less
 * than storing 20,000 rows once.
 */
function termMatches(filters: TemplateFilters, prefixQuery: string, word: SearchWord) {
	const w = communityTemplateTerms
	const mainRows = sql`from ${w} as main where main.kind = 'word' and main.term = ${word.main}${termNarrowing(filters, sql.raw('main'))}`
	// A tag narrows the word's rows to a few (each one checked against the tag's rows): kept once.
	if (word.others.length === 0) {
		return [sql`matches as ${filters.tag ? sql`materialized` : sql`not materialized`} (select main.template_id as id, main.category as category, main.rank as rank ${mainRows})`]
	}
	const documentRank = (id: SQL) => sql`(select ts_rank(${s.document}, ${tsQuery(prefixQuery)}) from ${s} where ${s.templateId} = ${id})`
	return [
		sql`other_rows as materialized (
			select other.template_id, other.category, other.rank,
				coalesce((select true from ${w} as main where main.kind = 'word' and main.term = ${word.main} and main.template_id = other.template_id limit 1), false) as with_main,
				count(*) over (partition by other.template_id) as lexemes,
				row_number() over (partition by other.template_id order by other.term) as nth
			from ${w} as other
			where other.kind = 'word' and other.term in (${sql.join(word.others.map((lexeme) => sql`${lexeme}`), sql`, `)})${termNarrowing(filters, sql.raw('other'))}
		)`,
		sql`matches as not materialized (
			select main.template_id as id, main.category as category,
				case when main.template_id in (select template_id from other_rows) then ${documentRank(sql`main.template_id`)} else main.rank end as rank
			${mainRows}
			union all
			select other_rows.template_id, other_rows.category,
				case when other_rows.lexemes > 1 then ${documentRank(sql`other_rows.template_id`)} else other_rows.rank end
			from other_rows
			where not other_rows.with_main and other_rows.nth = 1
		)`,
	]
}

const keyColumn = (index: number) => sql.raw(`key${index}`)

/**
 * A page of trending templates without a search. With the stored scores
 * current, two walks each read at most the page's end: the templates with a
 * score, down the score index (each looked up for the filters and for the
 * popularity that breaks ties), and the templates without one, down the
 * popularity index (each probed in the scores); their union in order gives the
 * page. Otherwise (the window not moved yet today) every template in the
 * filters is scored from its metrics (`walk`, the trending keys counted).
 */
function trendingPage(where: SQL, walk: (condition: SQL) => SQL, { offset, pageSize }: { offset: number; pageSize: number }) {
	const upTo = offset + pageSize
	return sql`select id, key0, key1 from (
			(select ${t.id} as id, ${scores.score} as key0, ${popularity} as key1
				from ${scores} join ${t} on ${t.id} = ${scores.templateId}
				where ${trendingScoresAreCurrent} and ${where}
				-- nulls last, as the score index has it (no score is null): without it the index's order
				-- does not count as the same, and every scored template is sorted instead of walked.
				order by ${scores.score} desc nulls last, ${popularity} desc, ${t.id} desc
				limit ${upTo})
			union all
			(select ${t.id} as id, 0::bigint as key0, ${popularity} as key1
				from ${t}
				where ${trendingScoresAreCurrent} and ${where} and not exists (select from ${scores} where ${scores.templateId} = ${t.id})
				order by ${popularity} desc, ${t.id} desc
				limit ${upTo})
			union all
			(${walk(sql`not ${trendingScoresAreCurrent} and ${where}`)} limit ${upTo})
		) as trending
		order by key0 desc, key1 desc, id desc
		offset ${offset} limit ${pageSize}`
}

/**
 * How many rows past the page's end a one-word search keeps from its bounded
 * sort, so that rows tied with the page's last one are found without reading
 * the word's rows again. One lexeme's rank depends only on its own positions
 * and weights, so ties are common: `intro` in portrait has 165 at the end of
 * its first page on the bench's 100,000 templates, and reading its 23,000 rows
 * a second time took 9.1 ms in all against 6.3 with 256 kept (a bounded sort
 * of 276 rows instead of 84 cost `neon` and `dash` no measurable time).
 */
const TIES_READ_AHEAD = 256

/**
 * The gallery in one statement, so one round trip: the ids and order keys of
 * one page (`page`), the category counts (`category_counts`), then one row per
 * template of the page with its card's columns (each looked up by id) and the
 * counts as JSON (a single row with a null id when the page is empty).
 *
 * Without a search, the page walks the order's partial index (limit and offset);
 * trending walks its stored scores, then popularity (`trendingPage`).
 * With one, the matches come from the stored documents, and:
 * - by relevance, the rank of the page's last row is found first (`cutoff`)
 *   and only the matches ranked at least as high are looked up for their
 *   popularity (the second key): the same page as ordering every match, without
 *   visiting every match's template;
 * - by another order, either the order's index is walked keeping the matches
 *   (cheap when they are many: the page fills after a few rows), or each match
 *   is looked up (cheap when they are few). A walk visits about page × listed ÷
 *   matches rows, looking up visits matches rows: the walk is chosen when
 *   matches² ≥ page × listed, inside the statement (a one-time filter on each
 *   branch), since no estimate of a prefix search is good enough for the
 *   planner to choose. Trending, searched, looks each match's score up.
 */
function galleryStatement(filters: TemplateFilters, { page, pageSize, plan }: { page: number; pageSize: number; plan: SearchPlan }) {
	const { prefixQuery, word, prefixes } = plan
	const order = resolveOrder(filters, prefixQuery)
	const offset = (page - 1) * pageSize
	const ctes: SQL[] = []
	let pageRows: SQL
	let keyCount: number
	let countsFirst = false
	if (prefixQuery) {
		const inCategory = filters.category ? sql` where category = ${filters.category}` : sql``
		if (order === 'relevance') {
			ctes.push(...(word ? termMatches(filters, prefixQuery, word) : [searchMatches(filters, prefixQuery, { rankIn: filters.category ?? 'all', prefixes })]))
			if (word) {
				// One read of the word's rows finds the page's leaders: the best page-end + TIES_READ_AHEAD
				// by rank (a bounded sort), of which those ranked at least as high as the page's last row;
				// only when that many rows tie with the page's last one are the rows read again for all ties.
				const upTo = offset + pageSize
				ctes.push(sql`ranked as ${filters.category ? sql`materialized` : sql`not materialized`} (select id, rank from matches${inCategory})`)
				ctes.push(sql`best as materialized (select id, rank from ranked order by rank desc limit ${upTo + TIES_READ_AHEAD})`)
				ctes.push(sql`cutoff as (select rank from best order by rank desc offset ${upTo - 1} limit 1)`)
				ctes.push(sql`ties_beyond as (select coalesce(count(*) = ${upTo + TIES_READ_AHEAD} and min(rank) >= (select rank from cutoff), false) as overflow from best)`)
				ctes.push(sql`leaders as materialized (
					select id, rank from best where rank >= coalesce((select rank from cutoff), '-infinity'::real) and not (select overflow from ties_beyond)
					union all
					select id, rank from ranked where (select overflow from ties_beyond) and rank >= (select rank from cutoff)
				)`)
			} else {
				// Not materialized: the matches are, and reading them twice costs less than copying them.
				ctes.push(sql`ranked as not materialized (select id, rank from matches${inCategory})`)
				ctes.push(sql`cutoff as (select rank from ranked order by rank desc offset ${offset + pageSize - 1} limit 1)`)
				// Materialized: the planner cannot tell how few they are, and priced looking each one up
				// as a third of the matches (enough to start parallel workers that cost more than the lookups).
				ctes.push(sql`leaders as materialized (select id, rank from ranked where rank >= coalesce((select rank from cutoff), '-infinity'::real))`)
			}
			pageRows = sql`select leaders.id, leaders.rank as key0, (select ${popularity} from ${t} where ${t.id} = leaders.id) as key1
				from leaders
				order by key0 desc, key1 desc, leaders.id desc
				offset ${offset} limit ${pageSize}`
			keyCount = 2
		} else {
			ctes.push(...(word ? termMatches(filters, prefixQuery, word) : [searchMatches(filters, prefixQuery, { prefixes })]))
			ctes.push(sql`candidates as materialized (select id from matches${inCategory})`)
			const keys = orderKeys(order, null)
			const keyList = sql.join(keys.map((key, index) => sql`${key.expression} as ${keyColumn(index)}`), sql`, `)
			const pageOfKeys = sql`order by ${sql.join(orderBy(keys), sql`, `)} offset ${offset} limit ${pageSize}`
			// `limit 1` keeps the lateral subquery from being flattened into a join the planner might hash.
			const lookUp = sql`select found.* from candidates
				cross join lateral (select ${t.id} as id, ${keyList} from ${t} where ${t.id} = candidates.id and ${isListedTemplate} limit 1) as found`
			if (order === 'trending') {
				pageRows = sql`${lookUp} order by ${sql.join([...keys.map((_, index) => sql`found.${keyColumn(index)} desc`), sql`found.id desc`], sql`, `)} offset ${offset} limit ${pageSize}`
			} else {
				const listed = communityListingCounts
				// From the terms, the counts come first: they give the number of matches, and the walk
				// looks each template it passes up in the word's rows (one probe of the primary key)
				// instead of collecting every match first.
				if (word) {
					ctes.push(sql`category_counts as (${categoryCountRows(filters, prefixQuery, word)})`)
					countsFirst = true
				}
				const matchCount = word
					? sql`(select coalesce(sum(templates), 0) from category_counts${inCategory})`
					: sql`(select count(*) from candidates)`
				const isMatch = word
					? sql`coalesce((select true from matches where matches.id = ${t.id}${filters.category ? sql` and matches.category = ${filters.category}` : sql``} limit 1), false)`
					: sql`coalesce(${t.id} in (select id from candidates), false)`
				ctes.push(sql`walk as (
					select ${matchCount} ^ 2 >= ${offset + pageSize}::float8 * (select coalesce(sum(${listed.templates}), 0) from ${listed} where ${listed.facet} = 'listed') as chosen
				)`)
				pageRows = sql`(select ${t.id} as id, ${keyList} from ${t}
						where ${isListedTemplate} and ${isMatch} and (select chosen from walk)
						${pageOfKeys})
					union all
					(select * from (${lookUp}) as found where not (select chosen from walk)
						order by ${sql.join([...keys.map((_, index) => sql`found.${keyColumn(index)} desc`), sql`found.id desc`], sql`, `)}
						offset ${offset} limit ${pageSize})`
			}
			keyCount = keys.length
		}
	} else {
		const { where } = filterConditions(filters)
		const keys = orderKeys(order, null)
		const walk = (condition: SQL) => sql`select ${t.id} as id, ${sql.join(keys.map((key, index) => sql`${key.expression} as ${keyColumn(index)}`), sql`, `)}
			from ${t}
			where ${condition}
			order by ${sql.join(orderBy(keys), sql`, `)}`
		pageRows = order === 'trending' ? trendingPage(where, walk, { offset, pageSize }) : sql`${walk(where)} offset ${offset} limit ${pageSize}`
		keyCount = keys.length
	}
	ctes.push(sql`page as (${pageRows})`)
	if (!countsFirst) ctes.push(sql`category_counts as (${categoryCountRows(filters, prefixQuery, word)})`)
	const columns = sql.join(
		Object.entries(templateSummaryColumns).map(([name, column]) => sql`${column} as ${sql.identifier(name)}`),
		sql`, `,
	)
	const pageOrder = sql.join([...Array.from({ length: keyCount }, (_, index) => sql`page.${keyColumn(index)} desc`), sql`page.id desc`], sql`, `)
	const statement = sql`with ${sql.join(ctes, sql`, `)}
		select
			(select coalesce(json_object_agg(category, templates) filter (where category <> '' and templates > 0), '{}') from category_counts) as "categoryCounts",
			(select coalesce(sum(templates), 0)::int from category_counts) as "totalInAllCategories",
			card.*
		from (select 1) as one
		left join (
			page cross join lateral (
				select ${columns} from ${t} left join ${users} on ${users.id} = ${t.ownerUserId} where ${t.id} = page.id limit 1
			) as card
		) on true
		order by ${pageOrder}`
	return { statement, order }
}

/** The plan PostgreSQL picks for a gallery page (tests check that it keeps to its indexes). */
export async function explainGalleryQuery(filters: TemplateFilters, { page = 1, analyze = false }: { page?: number; analyze?: boolean } = {}, database: Database = db) {
	const { statement } = galleryStatement(filters, { page, pageSize: GALLERY_PAGE_SIZE, plan: await planSearch(filters, database) })
	const rows = await queryRows<{ 'QUERY PLAN': string }>(sql`explain ${sql.raw(analyze ? '(analyze, buffers) ' : '')}${statement}`, database)
	return rows.map((row) => row['QUERY PLAN']).join('\n')
}

/**
 * One numbered page of listed templates (the gallery), with the total for the
 * pager and the per-category counts for the category navigation (the total
 * within a category is that category's count): one statement, one round trip.
 */
export async function searchTemplates(
	filters: TemplateFilters,
	{ page = 1, pageSize = GALLERY_PAGE_SIZE }: { page?: number; pageSize?: number } = {},
	database: Database = db,
): Promise<{ items: TemplateSummary[]; total: number; categoryCounts: Record<string, number>; totalInAllCategories: number; order: OrderName }> {
	const { statement, order } = galleryStatement(filters, { page, pageSize, plan: await planSearch(filters, database) })
	const rows = await queryRows<SummaryRow & { categoryCounts: unknown; totalInAllCategories: number }>(statement, database)
	const first = rows[0]
	const categoryCounts = numberValues(parsedJson<Record<string, number>>(first?.categoryCounts) ?? {})
	const totalInAllCategories = Number(first?.totalInAllCategories ?? 0)
	return {
		items: rows.filter((row) => row.id !== null).map((row) => toTemplateSummary(row)),
		total: filters.category ? (categoryCounts[filters.category] ?? 0) : totalInAllCategories,
		categoryCounts,
		totalInAllCategories,
		order,
	}
}

function numberValues(record: Record<string, unknown>) {
	return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, Number(value)]))
}

/**
 * One keyset page of listed templates (the JSON API). `nextCursor` is null on
 * the last page. Throws InvalidCursorError for a cursor this list did not make.
 */
export async function listTemplatesAfter(
	filters: TemplateFilters,
	{ cursor, limit = 24 }: { cursor?: string; limit?: number } = {},
	database: Database = db,
): Promise<{ items: TemplateSummary[]; nextCursor: string | null }> {
	const { where, prefixQuery } = filterConditions(filters)
	const order = resolveOrder(filters, prefixQuery)
	const keys = orderKeys(order, prefixQuery)
	const conditions = cursor ? and(where, afterCursor(keys, decodeCursor(cursor, order, keys)))! : where
	const keyText = sql<string>`concat_ws(${CURSOR_SEPARATOR}, ${sql.join(
		[...keys.map((key) => sql`(${key.expression})::text`), sql`${t.id}::text`],
		sql`, `,
	)})`
	const listed = database.select({ ...templateSummaryColumns, cursorKey: keyText }).from(t).leftJoin(users, eq(users.id, t.ownerUserId))
	const rows = await (prefixQuery ? listed.innerJoin(s, eq(s.templateId, t.id)) : listed)
		.where(conditions)
		.orderBy(...orderBy(keys))
		.limit(limit + 1)
	const page = rows.slice(0, limit)
	const last = page.at(-1)
	return {
		items: page.map((row) => toTemplateSummary(row as SummaryRow)),
		nextCursor: rows.length > limit && last ? encodeCursor(order, last.cursorKey) : null,
	}
}

/** A creator's listed templates (their public profile), most popular or newest first. */
export async function listTemplatesByOwner(
	ownerUserId: string,
	{ sort = 'popular', limit = 60 }: { sort?: Extract<TemplateSort, 'popular' | 'new'>; limit?: number } = {},
	database: Database = db,
): Promise<TemplateSummary[]> {
	const rows = await database
		.select(templateSummaryColumns)
		.from(t)
		.leftJoin(users, eq(users.id, t.ownerUserId))
		.where(and(isListedTemplate, eq(t.ownerUserId, ownerUserId)))
		.orderBy(...orderBy(orderKeys(sort, null)))
		.limit(limit)
	return rows.map((row) => toTemplateSummary(row as SummaryRow))
}

/** How many listed templates each category holds, within the other filters (search, tag, format). */
export async function countTemplatesByCategory(filters: TemplateFilters = {}, database: Database = db) {
	const prefixQuery = filters.q ? toPrefixTsQuery(filters.q) : null
	const ctes = prefixQuery ? sql`with ${searchMatches(filters, prefixQuery)} ` : sql``
	const rows = await queryRows<CategoryCountRow>(sql`${ctes}${categoryCountRows(filters, prefixQuery)}`, database)
	const counts: Record<string, number> = {}
	for (const row of rows) if (row.category && Number(row.templates) > 0) counts[row.category] = Number(row.templates)
	return { counts, total: rows.reduce((sum, row) => sum + Number(row.templates), 0) }
}

const POPULAR_TAGS_TTL_MS = 5 * 60_000
let popularTagsCache: { limit: number; expires: number; tags: Promise<Array<{ tag: string; count: number }>> } | undefined

/**
 * The most used tags among listed templates, for the gallery's tag shortcuts,
 * from the listing counts (one row per tag and category). They move slowly,
 * so each process keeps them for five minutes (pass a `database` to bypass the cache).
 */
export function listPopularTags(limit = 12, database?: Database) {
	if (database) return queryPopularTags(limit, database)
	const now = Date.now()
	if (!popularTagsCache || popularTagsCache.limit !== limit || popularTagsCache.expires < now) {
		const tags = queryPopularTags(limit, db)
		popularTagsCache = { limit, expires: now + POPULAR_TAGS_TTL_MS, tags }
		tags.catch(() => {
			popularTagsCache = undefined
		})
	}
	return popularTagsCache.tags
}

async function queryPopularTags(limit: number, database: Database) {
	const counts = communityListingCounts
	const rows = await database
		.select({ tag: counts.value, count: sql<number>`sum(${counts.templates})::int` })
		.from(counts)
		.where(eq(counts.facet, 'tag'))
		.groupBy(counts.value)
		.having(sql`sum(${counts.templates}) > 0`)
		.orderBy(sql`sum(${counts.templates}) desc`, counts.value)
		.limit(limit)
	return rows.map((row) => ({ tag: row.tag, count: Number(row.count) }))
}

// ---------------------------------------------------------------------------
// One template
// ---------------------------------------------------------------------------

export interface TemplateSceneDetail {
	index: number
	title: string | null
	tsxCode: string
	duration: number
	previewFrame: number
}

export interface TemplateDetail extends TemplateSummary {
	visibility: Visibility
	status: Status
	ownerUserId: string | null
	creatorImage: string | null
	scenes: TemplateSceneDetail[]
	/** The current version: 1 until the creator first updates the scenes. */
	version: number
	/** Newest first. */
	versions: TemplateVersionSummary[]
}

/** A template's id from its id or slug, when it can be favorited or used (active; public or unlisted), else null. */
export async function findActiveTemplateId(idOrSlug: string, database: Database = db): Promise<string | null> {
	if (!couldBeTemplateKey(idOrSlug)) return null
	const [row] = await database
		.select({ id: t.id })
		.from(t)
		.where(and(isUuid(idOrSlug) ? eq(t.id, idOrSlug) : eq(t.slug, idOrSlug), eq(t.status, 'active')))
		.limit(1)
	return row?.id ?? null
}

/** What a generated poster is drawn from (id and category), for an active template; null otherwise. */
export async function findPosterSubject(templateId: string, database: Database = db): Promise<{ id: string; category: string | null } | null> {
	if (!isUuid(templateId)) return null
	const [row] = await database
		.select({ id: t.id, category: t.category })
		.from(t)
		.where(and(eq(t.id, templateId.toLowerCase()), eq(t.status, 'active')))
		.limit(1)
	return row ?? null
}

/** A template by slug, or by id when the text is a UUID; whatever its visibility and status (callers decide who may see it). */
export async function getTemplateBySlugOrId(slugOrId: string, database: Database = db): Promise<TemplateDetail | null> {
	if (!couldBeTemplateKey(slugOrId)) return null
	const match = isUuid(slugOrId) ? or(eq(t.id, slugOrId.toLowerCase()), eq(t.slug, slugOrId)) : eq(t.slug, slugOrId)
	const [row] = await database
		.select({
			...templateSummaryColumns,
			visibility: t.visibility,
			status: t.status,
			ownerUserId: t.ownerUserId,
			creatorImage: users.image,
		})
		.from(t)
		.leftJoin(users, eq(users.id, t.ownerUserId))
		.where(match)
		.limit(1)
	if (!row) return null
	const summary = toTemplateSummary(row as SummaryRow)
	const [sceneRows, history] = await Promise.all([
		database
			.select({
				index: communityTemplateScenes.sceneIndex,
				title: communityTemplateScenes.title,
				tsxCode: communityTemplateScenes.tsxCode,
				duration: communityTemplateScenes.duration,
				previewFrame: communityTemplateScenes.previewFrame,
			})
			.from(communityTemplateScenes)
			.where(eq(communityTemplateScenes.templateId, row.id))
			.orderBy(asc(communityTemplateScenes.sceneIndex)),
		listTemplateVersions(row.id, { createdAt: summary.createdAt, sceneCount: summary.sceneCount }, database),
	])
	return {
		...summary,
		visibility: row.visibility ?? 'public',
		status: row.status ?? 'active',
		ownerUserId: row.ownerUserId,
		creatorImage: row.creatorImage ?? null,
		scenes: sceneRows.map((scene) => ({ ...scene, previewFrame: scene.previewFrame ?? 0 })),
		version: history.version,
		versions: history.versions,
	}
}


// ---------------------------------------------------------------------------
// Sitemap
// ---------------------------------------------------------------------------

/** Every listed template (slug and last change) and every category that has one, for /sitemap.xml. */
export async function listSitemapEntries(database: Database = db) {
	const [templates, categories] = await Promise.all([
		database.select({ slug: t.slug, updatedAt: t.updatedAt }).from(t).where(isListedTemplate).orderBy(asc(t.slug)),
		database
			.select({ category: t.category, updatedAt: sql<Date>`max(${t.updatedAt})`.mapWith(t.updatedAt) })
			.from(t)
			.where(and(isListedTemplate, sql`${t.category} is not null`))
			.groupBy(t.category),
	])
	return {
		templates: templates.map((row) => ({ slug: row.slug, lastModified: new Date(row.updatedAt).toISOString() })),
		categories: categories.map((row) => ({ category: row.category!, lastModified: new Date(row.updatedAt).toISOString() })),
	}
}


/** Who may see a template: everyone when it is active; only its owner and moderators when disabled. */
export function canViewTemplate(
	template: Pick<TemplateDetail, 'status' | 'ownerUserId'>,
	viewer: { id: string; isAdmin: boolean } | null,
) {
	if (template.status !== 'disabled') return true
	return Boolean(viewer && (viewer.isAdmin || viewer.id === template.ownerUserId))
}
