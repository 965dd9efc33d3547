/**
 * The database schema: the editor's three tables (created only when missing)
 * and the five community tables from `docs/community-schema.md`.
 * Every SQL name gets the `bazaar-vid_` prefix through `pgTableCreator`.
 * Changes here must stay additive: new tables, new indexes, new nullable or
 * defaulted columns. `tests/schema.test.ts` checks the live catalog against
 * the seed, and `tests/migrations.test.ts` rejects destructive SQL.
 */
import { sql } from 'drizzle-orm'
import {
	bigint,
	boolean,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgTableCreator,
	primaryKey,
	real,
	smallint,
	text,
	timestamp,
	unique,
	uniqueIndex,
	uuid,
	varchar,
} from 'drizzle-orm/pg-core'
import type { EventSource, EventType, Format, ModerationActionKind, RenderStatus, ReportReason, ReportStatus, Status, Visibility } from '#app/vocabulary.ts'

export const TABLE_PREFIX = 'bazaar-vid_'
export const createTable = pgTableCreator((name) => `${TABLE_PREFIX}${name}`)

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull(),
}

// ---------------------------------------------------------------------------
// The editor's tables, column for column as the editor's own migrations leave
// them (camelCase names quoted, a few snake_case ones added later, CURRENT_TIMESTAMP
// defaults, a nullable "updatedAt"). The editor owns them: our 0000 migration
// creates them only where they are missing, and we never alter them.
// tests/fixtures/editor-tables.sql is the same shape written out as SQL, and
// tests/editor-tables.test.ts checks the two agree. See docs/decisions/003.
// ---------------------------------------------------------------------------

const editorCreatedAt = timestamp('createdAt', { withTimezone: true }).default(sql`CURRENT_TIMESTAMP`).notNull()
const editorUpdatedAt = timestamp('updatedAt', { withTimezone: true }).default(sql`CURRENT_TIMESTAMP`)

export const users = createTable('user', {
	id: varchar('id', { length: 255 }).primaryKey().notNull(),
	name: varchar('name', { length: 255 }),
	email: varchar('email', { length: 255 }).notNull(),
	emailVerified: timestamp('emailVerified', { withTimezone: true }),
	image: text('image'),
	isAdmin: boolean('isAdmin').default(false).notNull(),
	createdAt: editorCreatedAt,
	updatedAt: editorUpdatedAt,
	stripeCustomerId: text('stripe_customer_id').unique(),
})
export type User = typeof users.$inferSelect

export const projects = createTable(
	'project',
	{
		id: uuid('id').primaryKey().defaultRandom().notNull(),
		// The editor never deletes a user's projects with the user (no ON DELETE action).
		userId: varchar('userId', { length: 255 })
			.notNull()
			.references(() => users.id),
		title: varchar('title', { length: 255 }).notNull(),
		props: jsonb('props').$type<Record<string, unknown>>().notNull(),
		/** The editor treats a project as its empty welcome project until scenes are added to it. */
		isWelcome: boolean('isWelcome').default(true).notNull(),
		createdAt: editorCreatedAt,
		updatedAt: editorUpdatedAt,
		audio: jsonb('audio'),
		isFavorite: boolean('isFavorite').default(false).notNull(),
		audioUpdatedAt: timestamp('audio_updated_at', { withTimezone: true }),
		/** Bumped by every change to the project's scenes; the editor reloads when it moves. */
		revision: bigint('revision', { mode: 'number' }).default(0).notNull(),
	},
	(t) => [
		index('project_user_idx').on(t.userId),
		index('project_title_idx').on(t.title),
		uniqueIndex('project_unique_name').on(t.userId, t.title),
	],
)
export type Project = typeof projects.$inferSelect

export const scenes = createTable(
	'scene',
	{
		id: uuid('id').primaryKey().defaultRandom().notNull(),
		projectId: uuid('projectId')
			.notNull()
			.references(() => projects.id, { onDelete: 'cascade' }),
		order: integer('order').default(0).notNull(),
		name: varchar('name', { length: 255 }).default('Scene').notNull(),
		tsxCode: text('tsxCode').notNull(),
		props: jsonb('props').$type<Record<string, unknown>>(),
		duration: integer('duration').default(150).notNull(),
		publishedUrl: text('publishedUrl'),
		publishedHash: text('publishedHash'),
		publishedAt: timestamp('publishedAt', { withTimezone: true }),
		createdAt: editorCreatedAt,
		updatedAt: editorUpdatedAt,
		layoutJson: text('layout_json'),
		slug: varchar('slug', { length: 255 }),
		dominantColors: jsonb('dominantColors'),
		firstH1Text: text('firstH1Text'),
		lastFocused: boolean('lastFocused').default(false),
		jsCode: text('js_code'),
		jsCompiledAt: timestamp('js_compiled_at', { withTimezone: true }),
		compilationError: text('compilation_error'),
		/** Soft delete: the editor hides a scene by setting this; such a scene is gone for us too. */
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		revision: integer('revision').default(1).notNull(),
	},
	(t) => [
		index('scene_project_idx').on(t.projectId),
		index('scene_order_idx').on(t.projectId, t.order),
		index('scene_publish_idx').on(t.projectId, t.publishedHash),
		index('idx_scene_compilation_status').on(t.jsCompiledAt).where(sql`js_code IS NOT NULL`),
		index('idx_scene_needs_compilation').on(t.id).where(sql`js_code IS NULL AND compilation_error IS NULL`),
		index('scene_deleted_at_idx').on(t.deletedAt),
	],
)
export type Scene = typeof scenes.$inferSelect

// ---------------------------------------------------------------------------
// Community tables, exactly as the seed describes them.
// ---------------------------------------------------------------------------

export const communityTemplates = createTable(
	'community_templates',
	{
		id: uuid('id').primaryKey().defaultRandom().notNull(),
		slug: varchar('slug', { length: 255 }).notNull().unique(),
		title: varchar('title', { length: 255 }).notNull(),
		description: text('description'),
		ownerUserId: varchar('owner_user_id', { length: 255 }).references(() => users.id),
		sourceProjectId: uuid('source_project_id').references(() => projects.id),
		thumbnailUrl: text('thumbnail_url'),
		supportedFormats: jsonb('supported_formats')
			.$type<Format[]>()
			.default(sql`'["landscape","portrait","square"]'::jsonb`),
		tags: jsonb('tags').$type<string[]>().default(sql`'[]'::jsonb`),
		category: varchar('category', { length: 100 }),
		visibility: varchar('visibility', { length: 50 }).$type<Visibility>().default('public'),
		status: varchar('status', { length: 50 }).$type<Status>().default('active'),
		viewsCount: bigint('views_count', { mode: 'number' }).default(0).notNull(),
		favoritesCount: bigint('favorites_count', { mode: 'number' }).default(0).notNull(),
		usesCount: bigint('uses_count', { mode: 'number' }).default(0).notNull(),
		...timestamps,
	},
	(t) => [
		index('community_templates_owner_idx').on(t.ownerUserId),
		index('community_templates_visibility_idx').on(t.visibility, t.status),
		index('community_templates_created_idx').on(t.createdAt.desc().nullsFirst()),
	],
)
export type NewCommunityTemplate = typeof communityTemplates.$inferInsert

export const communityTemplateScenes = createTable(
	'community_template_scenes',
	{
		id: uuid('id').primaryKey().defaultRandom().notNull(),
		templateId: uuid('template_id')
			.notNull()
			.references(() => communityTemplates.id, { onDelete: 'cascade' }),
		sceneIndex: integer('scene_index').notNull(),
		title: varchar('title', { length: 255 }),
		tsxCode: text('tsx_code').notNull(),
		duration: integer('duration').notNull(),
		previewFrame: integer('preview_frame').default(15),
		codeHash: text('code_hash'),
		createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
	},
	(t) => [
		unique('community_template_scenes_template_id_scene_index_key').on(t.templateId, t.sceneIndex),
		index('community_template_scenes_template_idx').on(t.templateId),
	],
)

export const communityFavorites = createTable(
	'community_favorites',
	{
		userId: varchar('user_id', { length: 255 })
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		templateId: uuid('template_id')
			.notNull()
			.references(() => communityTemplates.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
	},
	(t) => [
		primaryKey({ name: 'bazaar-vid_community_favorites_pkey', columns: [t.userId, t.templateId] }),
		index('community_favorites_template_idx').on(t.templateId),
	],
)

export const communityEvents = createTable(
	'community_events',
	{
		id: uuid('id').primaryKey().defaultRandom().notNull(),
		templateId: uuid('template_id')
			.notNull()
			.references(() => communityTemplates.id, { onDelete: 'cascade' }),
		userId: varchar('user_id', { length: 255 }),
		eventType: varchar('event_type', { length: 50 }).$type<EventType>().notNull(),
		source: varchar('source', { length: 50 }).$type<EventSource>(),
		projectId: uuid('project_id'),
		sceneCount: integer('scene_count'),
		referrer: text('referrer'),
		userAgent: text('user_agent'),
		createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
	},
	(t) => [
		index('community_events_template_idx').on(t.templateId, t.createdAt),
		index('community_events_type_idx').on(t.eventType, t.createdAt),
	],
)
export type NewCommunityEvent = typeof communityEvents.$inferInsert

export const communityMetricsDaily = createTable(
	'community_metrics_daily',
	{
		templateId: uuid('template_id')
			.notNull()
			.references(() => communityTemplates.id, { onDelete: 'cascade' }),
		day: date('day', { mode: 'string' }).notNull(),
		eventType: varchar('event_type', { length: 50 }).$type<EventType>().notNull(),
		count: bigint('count', { mode: 'number' }).default(0).notNull(),
	},
	(t) => [primaryKey({ name: 'bazaar-vid_community_metrics_daily_pkey', columns: [t.templateId, t.day, t.eventType] })],
)

/**
 * One row per UTC day that has daily metrics: what the aggregation last wrote
 * for that day (its events, its rows, and a checksum of every template's
 * counts), so a run whose fresh counts give the same digest knows the stored
 * rows already equal them without reading them. Null digest: unknown, the day
 * is compared row by row. Triggers on community_metrics_daily (migration 0017)
 * set it to unknown whenever anything writes that day's rows, the aggregation
 * included (it records the new digest after its write).
 */
export const communityMetricsDigests = createTable('community_metrics_digests', {
	day: date('day', { mode: 'string' }).primaryKey().notNull(),
	events: bigint('events', { mode: 'number' }),
	groups: integer('groups'),
	checksum: bigint('checksum', { mode: 'bigint' }),
})

// ---------------------------------------------------------------------------
// Moderation (additive, not in the seed): reports from signed-in users and the
// audit trail of every moderation action. The template's `status` column stays
// the single switch; these tables only record who did what, when and why.
// ---------------------------------------------------------------------------

export const communityModerationActions = createTable(
	'community_moderation_actions',
	{
		id: uuid('id').primaryKey().defaultRandom().notNull(),
		templateId: uuid('template_id')
			.notNull()
			.references(() => communityTemplates.id, { onDelete: 'cascade' }),
		moderatorUserId: varchar('moderator_user_id', { length: 255 }).references(() => users.id, { onDelete: 'set null' }),
		action: varchar('action', { length: 50 }).$type<ModerationActionKind>().notNull(),
		reason: text('reason').notNull(),
		/** How many open reports this action resolved. */
		reportsResolved: integer('reports_resolved').default(0).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
	},
	(t) => [
		index('community_moderation_actions_template_idx').on(t.templateId, t.createdAt),
		index('community_moderation_actions_created_idx').on(t.createdAt),
	],
)

export const communityReports = createTable(
	'community_reports',
	{
		id: uuid('id').primaryKey().defaultRandom().notNull(),
		templateId: uuid('template_id')
			.notNull()
			.references(() => communityTemplates.id, { onDelete: 'cascade' }),
		reporterUserId: varchar('reporter_user_id', { length: 255 })
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		reason: varchar('reason', { length: 50 }).$type<ReportReason>().notNull(),
		details: text('details'),
		status: varchar('status', { length: 50 }).$type<ReportStatus>().default('open').notNull(),
		/** The moderation action that resolved it (what was done about it). */
		resolutionActionId: uuid('resolution_action_id').references(() => communityModerationActions.id, { onDelete: 'set null' }),
		resolvedAt: timestamp('resolved_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
	},
	(t) => [
		// One open report per user and template; once resolved they may report again.
		uniqueIndex('community_reports_one_open_idx')
			.on(t.templateId, t.reporterUserId)
			.where(sql`${t.status} = 'open'`),
		index('community_reports_status_idx').on(t.status, t.createdAt),
	],
)
export type CommunityReport = typeof communityReports.$inferSelect

/** Raw bytes (`bytea`); both drivers hand back a Uint8Array (postgres.js a Buffer). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' })

/**
 * Remote images, video and audio that published scenes reference, copied at
 * publish time and named by the SHA-256 of their bytes, so every instance
 * serves the same immutable `/media/<sha256>` and one file is stored once
 * however many scenes use it.
 */
export const communityMediaFiles = createTable('community_media_files', {
	sha256: text('sha256').primaryKey().notNull(),
	contentType: varchar('content_type', { length: 255 }).notNull(),
	byteSize: integer('byte_size').notNull(),
	bytes: bytea('bytes').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
})

/**
 * Which copy stands for which absolute URL in which scene code. Keyed by the
 * code's SHA-256 (`code_hash` of the scene snapshots), so the stored TSX stays
 * exactly what the creator published and "use" copies it unchanged; the
 * preview maps each URL to our copy. A republish or update refreshes the rows.
 */
export const communitySceneMedia = createTable(
	'community_scene_media',
	{
		codeHash: text('code_hash').notNull(),
		sourceUrl: text('source_url').notNull(),
		mediaSha256: text('media_sha256')
			.notNull()
			.references(() => communityMediaFiles.sha256),
		copiedAt: timestamp('copied_at', { withTimezone: true }).defaultNow().notNull(),
	},
	(t) => [primaryKey({ name: 'bazaar-vid_community_scene_media_pkey', columns: [t.codeHash, t.sourceUrl] })],
)
// ---------------------------------------------------------------------------
// Creator profiles (additive, the seed's "creator_profiles" future step): a
// public handle, a short bio and up to three links per user. A creator with a
// public template gets a row with a handle derived from their name
// (`handle_chosen` false) until they choose one on /me/profile.
// ---------------------------------------------------------------------------

export const communityCreatorProfiles = createTable(
	'community_creator_profiles',
	{
		userId: varchar('user_id', { length: 255 })
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Lower-case `a-z`, `0-9` and `-`, 3–30 characters; unique without regard to case. */
		handle: varchar('handle', { length: 30 }).notNull(),
		/** False while the handle is the one derived from the name; true once the user chose it. */
		handleChosen: boolean('handle_chosen').default(false).notNull(),
		bio: text('bio'),
		links: jsonb('links').$type<string[]>().default(sql`'[]'::jsonb`).notNull(),
		...timestamps,
	},
	(t) => [uniqueIndex('community_creator_profiles_handle_idx').on(sql`lower(${t.handle})`)],
)
export type CommunityCreatorProfile = typeof communityCreatorProfiles.$inferSelect

// ---------------------------------------------------------------------------
// Template versions (additive): a creator may replace a published template's
// scenes. `community_template_scenes` keeps holding the current scenes; each
// version gets a row here (number, note, scene count: the history a template
// page lists without reading any scene), and when a version is superseded its
// scenes are copied into `community_template_version_scenes`. A template that
// was never updated has no rows and is version 1. See docs/creators.md.
// ---------------------------------------------------------------------------

export const communityTemplateVersions = createTable(
	'community_template_versions',
	{
		id: uuid('id').primaryKey().defaultRandom().notNull(),
		templateId: uuid('template_id')
			.notNull()
			.references(() => communityTemplates.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		/** What changed, in the creator's words (plain text, ≤ 280 characters); none for version 1. */
		note: text('note'),
		sceneCount: integer('scene_count').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
	},
	(t) => [uniqueIndex('community_template_versions_template_version_idx').on(t.templateId, t.version)],
)

/** The scenes of a superseded version, exactly as `community_template_scenes` held them. */
export const communityTemplateVersionScenes = createTable(
	'community_template_version_scenes',
	{
		versionId: uuid('version_id')
			.notNull()
			.references(() => communityTemplateVersions.id, { onDelete: 'cascade' }),
		sceneIndex: integer('scene_index').notNull(),
		title: varchar('title', { length: 255 }),
		tsxCode: text('tsx_code').notNull(),
		duration: integer('duration').notNull(),
		previewFrame: integer('preview_frame'),
		codeHash: text('code_hash'),
		/** When the scene was first published (its snapshot's `created_at`). */
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
	},
	(t) => [primaryKey({ name: 'bazaar-vid_community_template_version_scenes_pkey', columns: [t.versionId, t.sceneIndex] })],
)

// ---------------------------------------------------------------------------
// Renders (docs/rendering.md): what the render worker made of a template the
// last time it ran: one poster per scene (640 and 1280 wide), the social image,
// the motion preview (all in community_media_files, by SHA-256) and whether
// every scene played. One row per template; a change sets it back to pending
// and keeps the previous pictures until new ones replace them.
// ---------------------------------------------------------------------------

export interface SceneRenderState {
	index: number
	status: RenderStatus
	/** The error the scene showed, when it failed. */
	message?: string
	poster640?: string
	poster1280?: string
	width?: number
	height?: number
}

export const communityTemplateRenders = createTable(
	'community_template_renders',
	{
		templateId: uuid('template_id')
			.primaryKey()
			.references(() => communityTemplates.id, { onDelete: 'cascade' }),
		status: varchar('status', { length: 20 }).$type<RenderStatus>().default('pending').notNull(),
		scenes: jsonb('scenes').$type<SceneRenderState[]>().default(sql`'[]'::jsonb`).notNull(),
		failingSceneIndex: integer('failing_scene_index'),
		failureMessage: text('failure_message'),
		socialImageSha256: text('social_image_sha256'),
		motionSha256: text('motion_sha256'),
		requestedAt: timestamp('requested_at', { withTimezone: true }).defaultNow().notNull(),
		renderedAt: timestamp('rendered_at', { withTimezone: true }),
	},
	(t) => [index('community_template_renders_status_idx').on(t.status)],
)

// ---------------------------------------------------------------------------
// The gallery's listing (additive, migrations 0013 and 0014). Both tables are
// kept by triggers on community_templates, in the same transaction as every
// insert, update and delete, whoever makes it (publish, edits, moderation, the
// seed, a bulk load); the app only reads them. docs/gallery.md, "Search at
// scale", says why.
// ---------------------------------------------------------------------------

const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' })

/**
 * Every template's search document, stored (`bazaar_template_search_document`
 * of its title, tags and description), with what a search filters and counts
 * by. Ranking reads the stored document instead of building it again for every
 * match, and the category counts of a search come from here without visiting
 * the templates.
 */
export const communityTemplateSearch = createTable(
	'community_template_search',
	{
		templateId: uuid('template_id')
			.primaryKey()
			.references(() => communityTemplates.id, { onDelete: 'cascade' }),
		/** Public and active: the only rows lists and search show. */
		listed: boolean('listed').notNull(),
		category: varchar('category', { length: 100 }),
		tags: jsonb('tags').$type<string[]>().default(sql`'[]'::jsonb`).notNull(),
		formats: jsonb('formats').$type<Format[]>().default(sql`'[]'::jsonb`).notNull(),
		document: tsvector('document').notNull(),
	},
	(t) => [index('community_template_search_document_idx').using('gin', t.document).where(sql`${t.listed}`)],
)

/**
 * How many listed templates each category holds, in all (`facet` 'listed',
 * `value` ''), per format (`facet` 'format') and per tag (`facet` 'tag');
 * `category` '' for templates without one. The gallery's category navigation,
 * its totals and the popular tags read these few rows instead of counting the
 * templates on every request. Rows are never removed: a count may be 0.
 */
export const communityListingCounts = createTable(
	'community_listing_counts',
	{
		facet: varchar('facet', { length: 20 }).$type<'listed' | 'format' | 'tag'>().notNull(),
		value: text('value').notNull(),
		category: varchar('category', { length: 100 }).notNull(),
		templates: integer('templates').notNull(),
	},
	(t) => [primaryKey({ name: 'bazaar-vid_community_listing_counts_pkey', columns: [t.facet, t.value, t.category] })],
)

/**
 * The search's inverted index as a btree (migration 0016, kept by triggers
 * from community_template_search): one row per listed template and each word
 * of its search document (`kind` 'word', `term` the lexeme) or each of its
 * tags (`kind` 'tag'), carrying what a search counts, filters and ranks by,
 * so the matches of a search are read from the index alone (an index-only
 * scan of the primary key, which INCLUDEs the other columns) instead of from
 * every match's stored document. `term` sorts bytewise (COLLATE "C"), the
 * order a prefix search needs. docs/decisions/012-search-terms-index.md.
 */
export const communityTemplateTerms = createTable(
	'community_template_terms',
	{
		kind: varchar('kind', { length: 4 }).$type<'word' | 'tag'>().notNull(),
		term: text('term').notNull(),
		templateId: uuid('template_id').notNull(),
		/** The template's category, '' for none. */
		category: varchar('category', { length: 100 }).notNull(),
		/** The template's formats as bits: 1 << the format's place in FORMATS. */
		formats: smallint('formats').notNull(),
		/** For a word: ts_rank of the document for that lexeme alone, which is the whole rank of a one-word search that matches no other lexeme of it. */
		rank: real('rank'),
	},
	(t) => [primaryKey({ name: 'bazaar-vid_community_template_terms_pkey', columns: [t.kind, t.term, t.templateId] })],
)

/**
 * How many listed templates hold each lexeme, per category and formats (bits
 * as in community_template_terms), kept by the same triggers (migration 0016):
 * a one-word search's counts and total are a few of these rows instead of a
 * count of the word's rows. Rows are never removed: a count may be 0.
 */
export const communityTemplateTermCounts = createTable(
	'community_template_term_counts',
	{
		term: text('term').notNull(),
		category: varchar('category', { length: 100 }).notNull(),
		formats: smallint('formats').notNull(),
		templates: integer('templates').notNull(),
	},
	(t) => [primaryKey({ name: 'bazaar-vid_community_template_term_counts_pkey', columns: [t.term, t.category, t.formats] })],
)

/**
 * Each template's trending score (migration 0019): the weighted sum of its
 * daily metrics from `since` in community_trending_window on (the last 7 UTC
 * days when the window is current), a row only while the score is positive.
 * Kept by triggers on community_metrics_daily, so a write to the metrics
 * changes the score in the same transaction; the nightly aggregation moves
 * the window each day and recomputes every score. The gallery walks the score
 * index instead of summing seven days of metrics for every listed template.
 * docs/decisions/014-stored-trending-scores.md.
 */
export const communityTrendingScores = createTable(
	'community_trending_scores',
	{
		templateId: uuid('template_id')
			.primaryKey()
			.references(() => communityTemplates.id, { onDelete: 'cascade' }),
		score: bigint('score', { mode: 'number' }).notNull(),
	},
	(t) => [index('bazaar-vid_community_trending_scores_score_idx').on(t.score.desc(), t.templateId.desc())],
)

/** The first day community_trending_scores counts (one row). */
export const communityTrendingWindow = createTable('community_trending_window', {
	single: boolean('single').primaryKey().default(true),
	since: date('since', { mode: 'string' }).notNull(),
})
