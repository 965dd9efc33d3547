/**
 * The database schema: the editor's three tables (created only when missing)
 * and the five community tables from `shared/seeds/community-schema.md`.
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
	text,
	timestamp,
	unique,
	uniqueIndex,
	uuid,
	varchar,
} from 'drizzle-orm/pg-core'

export const TABLE_PREFIX = 'bazaar-vid_'
export const createTable = pgTableCreator((name) => `${TABLE_PREFIX}${name}`)

export const FORMATS = ['landscape', 'portrait', 'square'] as const
export type Format = (typeof FORMATS)[number]
export const VISIBILITIES = ['public', 'unlisted'] as const
export type Visibility = (typeof VISIBILITIES)[number]
export const STATUSES = ['active', 'disabled'] as const
export type Status = (typeof STATUSES)[number]
export const EVENT_TYPES = ['view', 'click', 'favorite', 'unfavorite', 'use', 'mix', 'prompt'] as const
export type EventType = (typeof EVENT_TYPES)[number]
export const EVENT_SOURCES = ['community_site', 'in_app_panel', 'direct'] as const
export type EventSource = (typeof EVENT_SOURCES)[number]

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull(),
}

// ---------------------------------------------------------------------------
// The editor's tables. The editor owns them; we create them only when absent.
// ---------------------------------------------------------------------------

export const users = createTable(
	'user',
	{
		id: varchar('id', { length: 255 }).primaryKey(),
		name: varchar('name', { length: 255 }),
		email: varchar('email', { length: 255 }),
		image: varchar('image', { length: 255 }),
		isAdmin: boolean('is_admin').default(false).notNull(),
	},
	(t) => [index('user_email_idx').on(t.email)],
)
export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert

export const projects = createTable(
	'project',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: varchar('user_id', { length: 255 })
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		title: varchar('title', { length: 255 }).notNull(),
		props: jsonb('props').$type<Record<string, unknown>>().notNull(),
		...timestamps,
	},
	(t) => [
		index('project_user_idx').on(t.userId),
		unique('project_unique_name').on(t.userId, t.title),
	],
)
export type Project = typeof projects.$inferSelect
export type NewProject = typeof projects.$inferInsert

export const scenes = createTable(
	'scene',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		projectId: uuid('project_id')
			.notNull()
			.references(() => projects.id, { onDelete: 'cascade' }),
		order: integer('order').notNull().default(0),
		name: varchar('name', { length: 255 }).default('Scene').notNull(),
		tsxCode: text('tsx_code').notNull(),
		duration: integer('duration').default(150).notNull(),
		props: jsonb('props').$type<Record<string, unknown>>(),
		...timestamps,
	},
	(t) => [index('scene_project_idx').on(t.projectId), index('scene_order_idx').on(t.projectId, t.order)],
)
export type Scene = typeof scenes.$inferSelect
export type NewScene = typeof scenes.$inferInsert

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
export type CommunityTemplate = typeof communityTemplates.$inferSelect
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
export type CommunityTemplateScene = typeof communityTemplateScenes.$inferSelect
export type NewCommunityTemplateScene = typeof communityTemplateScenes.$inferInsert

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
export type CommunityFavorite = typeof communityFavorites.$inferSelect

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
export type CommunityEvent = typeof communityEvents.$inferSelect
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
export type CommunityMetricDaily = typeof communityMetricsDaily.$inferSelect

// ---------------------------------------------------------------------------
// Moderation (additive, not in the seed): reports from signed-in users and the
// audit trail of every moderation action. The template's `status` column stays
// the single switch; these tables only record who did what, when and why.
// ---------------------------------------------------------------------------

export const MODERATION_ACTIONS = ['disable', 'enable', 'dismiss_reports'] as const
export type ModerationActionKind = (typeof MODERATION_ACTIONS)[number]
export const REPORT_REASONS = ['spam', 'offensive', 'copyright', 'malicious_code', 'broken', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]
export const REPORT_STATUSES = ['open', 'resolved'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

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
export type CommunityModerationAction = typeof communityModerationActions.$inferSelect

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
