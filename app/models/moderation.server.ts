/**
 * Moderation: reports from signed-in users, and the moderators' actions on
 * templates. The template's `status` column is the single switch (every public
 * query filters `status = 'active'`); every change of it is written, in the
 * same transaction, to the audit trail `community_moderation_actions`.
 */
import { and, count, desc, eq, ilike, inArray, max, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { type Database, db } from '#app/db/client.server.ts'
import { communityModerationActions, communityReports, communityTemplateRenders, communityTemplates, users } from '#app/db/schema.ts'
import type { ModerationActionKind, RenderStatus, ReportReason, Status } from '#app/vocabulary.ts'
import { isUniqueViolation } from './template-slug.server.ts'
import { couldBeTemplateKey } from '#app/utils/ids.ts'
import { invalidatePageCache } from '#app/utils/page-cache.server.ts'

export { MODERATION_REASON_MAX_LENGTH, REPORT_DETAILS_MAX_LENGTH, REPORT_REASON_LABELS } from './page-constants.ts'

export class ModerationError extends Error {
	constructor(
		readonly code: 'not_found' | 'conflict',
		message: string,
	) {
		super(message)
	}
}

const renderStatus = sql`(select r.status from ${communityTemplateRenders} r where r.template_id = ${communityTemplates.id})`

export interface ModerationListOptions {
	q?: string
	status?: Status
	visibility?: 'public' | 'unlisted'
	/** Where the last render stands (`failing`: a scene does not play); never rendered counts as pending. */
	render?: RenderStatus
	limit?: number
}

/** Every template (both statuses, both visibilities), newest first, with its open report count. */
export async function listTemplatesForModeration(options: ModerationListOptions = {}, database: Database = db) {
	const conditions = []
	const q = options.q?.trim()
	if (q) {
		const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
		conditions.push(or(ilike(communityTemplates.title, pattern), ilike(communityTemplates.slug, pattern), ilike(users.name, pattern), ilike(users.email, pattern)))
	}
	if (options.status) conditions.push(eq(communityTemplates.status, options.status))
	if (options.visibility) conditions.push(eq(communityTemplates.visibility, options.visibility))
	if (options.render) conditions.push(sql`coalesce(${renderStatus}, 'pending') = ${options.render}`)
	return database
		.select({
			id: communityTemplates.id,
			slug: communityTemplates.slug,
			title: communityTemplates.title,
			status: communityTemplates.status,
			visibility: communityTemplates.visibility,
			ownerName: users.name,
			ownerEmail: users.email,
			createdAt: communityTemplates.createdAt,
			render: sql<RenderStatus>`coalesce(${renderStatus}, 'pending')`,
			openReports: sql<number>`(select count(*)::int from ${communityReports} r where r.template_id = ${communityTemplates.id} and r.status = 'open')`,
		})
		.from(communityTemplates)
		.leftJoin(users, eq(users.id, communityTemplates.ownerUserId))
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(communityTemplates.createdAt), desc(communityTemplates.id))
		.limit(options.limit ?? 100)
}

export interface SetStatusInput {
	templateId: string
	moderatorUserId: string
	action: Extract<ModerationActionKind, 'disable' | 'enable'>
	reason: string
}

/**
 * Disables or enables a template and records who, what, when and why. Disabling
 * also resolves the template's open reports with this action. Returns the action row.
 */
export async function setTemplateStatusByModerator(input: SetStatusInput, database: Database = db) {
	const action = await database.transaction(async (tx) => {
		const status: Status = input.action === 'disable' ? 'disabled' : 'active'
		const updated = await tx
			.update(communityTemplates)
			.set({ status, updatedAt: new Date() })
			.where(eq(communityTemplates.id, input.templateId))
			.returning({ id: communityTemplates.id })
		if (updated.length === 0) throw new ModerationError('not_found', 'No such template')
		return recordAction(tx, { ...input, resolveReports: input.action === 'disable' })
	})
	// A disabled template must leave every cached page (gallery, its page, its creator's) at once.
	await invalidatePageCache()
	return action
}

/** Closes a template's open reports without changing the template ("no action needed"), recording why. */
export async function dismissReports(input: { templateId: string; moderatorUserId: string; reason: string }, database: Database = db) {
	return database.transaction(async (tx) => {
		const [template] = await tx.select({ id: communityTemplates.id }).from(communityTemplates).where(eq(communityTemplates.id, input.templateId))
		if (!template) throw new ModerationError('not_found', 'No such template')
		return recordAction(tx, { ...input, action: 'dismiss_reports', resolveReports: true })
	})
}

async function recordAction(
	tx: Database,
	input: { templateId: string; moderatorUserId: string; action: ModerationActionKind; reason: string; resolveReports: boolean },
) {
	const [action] = await tx
		.insert(communityModerationActions)
		.values({ templateId: input.templateId, moderatorUserId: input.moderatorUserId, action: input.action, reason: input.reason })
		.returning()
	if (!input.resolveReports) return action!
	const resolved = await tx
		.update(communityReports)
		.set({ status: 'resolved', resolvedAt: new Date(), resolutionActionId: action!.id })
		.where(and(eq(communityReports.templateId, input.templateId), eq(communityReports.status, 'open')))
		.returning({ id: communityReports.id })
	if (resolved.length === 0) return action!
	const [withCount] = await tx
		.update(communityModerationActions)
		.set({ reportsResolved: resolved.length })
		.where(eq(communityModerationActions.id, action!.id))
		.returning()
	return withCount!
}

const moderators = alias(users, 'moderator')

/** The audit trail, newest first: who did what to which template, when and why. */
export async function listModerationActions({ templateId, limit = 50 }: { templateId?: string; limit?: number } = {}, database: Database = db) {
	return database
		.select({
			id: communityModerationActions.id,
			templateId: communityModerationActions.templateId,
			templateTitle: communityTemplates.title,
			templateSlug: communityTemplates.slug,
			action: communityModerationActions.action,
			reason: communityModerationActions.reason,
			reportsResolved: communityModerationActions.reportsResolved,
			moderatorName: moderators.name,
			moderatorEmail: moderators.email,
			createdAt: communityModerationActions.createdAt,
		})
		.from(communityModerationActions)
		.innerJoin(communityTemplates, eq(communityTemplates.id, communityModerationActions.templateId))
		.leftJoin(moderators, eq(moderators.id, communityModerationActions.moderatorUserId))
		.where(templateId ? eq(communityModerationActions.templateId, templateId) : undefined)
		.orderBy(desc(communityModerationActions.createdAt), desc(communityModerationActions.id))
		.limit(limit)
}

/** Why a template is disabled: the latest `disable` action, for its owner's dashboard. */
export async function latestDisableAction(templateId: string, database: Database = db) {
	const [action] = await database
		.select({ reason: communityModerationActions.reason, createdAt: communityModerationActions.createdAt })
		.from(communityModerationActions)
		.where(and(eq(communityModerationActions.templateId, templateId), eq(communityModerationActions.action, 'disable')))
		.orderBy(desc(communityModerationActions.createdAt))
		.limit(1)
	return action ?? null
}

export interface ReportInput {
	templateId: string
	reporterUserId: string
	reason: ReportReason
	details?: string
}

/** Files a report. A user has at most one open report per template (a second is a conflict). */
export async function reportTemplate(input: ReportInput, database: Database = db) {
	try {
		const [report] = await database
			.insert(communityReports)
			.values({ templateId: input.templateId, reporterUserId: input.reporterUserId, reason: input.reason, details: input.details || null })
			.returning()
		return report!
	} catch (error) {
		if (isUniqueViolation(error)) throw new ModerationError('conflict', 'You have already reported this template; a moderator will look at it.')
		throw error
	}
}

export type ReportQueueSort = 'most-reported' | 'newest'

/**
 * The open reports grouped by template: how many, the latest, and each report's
 * reason and details. `most-reported` (default) puts the templates with the most
 * open reports first (newest breaks ties); `newest` the most recently reported.
 */
export async function listReportQueue({ sort = 'most-reported', limit = 50 }: { sort?: ReportQueueSort; limit?: number } = {}, database: Database = db) {
	const reportCount = count(communityReports.id)
	const latest = max(communityReports.createdAt)
	const groups = await database
		.select({
			templateId: communityTemplates.id,
			title: communityTemplates.title,
			slug: communityTemplates.slug,
			status: communityTemplates.status,
			visibility: communityTemplates.visibility,
			openReports: reportCount,
			latestReportAt: latest,
		})
		.from(communityReports)
		.innerJoin(communityTemplates, eq(communityTemplates.id, communityReports.templateId))
		.where(eq(communityReports.status, 'open'))
		.groupBy(communityTemplates.id)
		.orderBy(...(sort === 'newest' ? [desc(latest), desc(reportCount)] : [desc(reportCount), desc(latest)]), desc(communityTemplates.id))
		.limit(limit)
	if (groups.length === 0) return []
	const reports = await database
		.select({
			id: communityReports.id,
			templateId: communityReports.templateId,
			reason: communityReports.reason,
			details: communityReports.details,
			reporterName: users.name,
			createdAt: communityReports.createdAt,
		})
		.from(communityReports)
		.leftJoin(users, eq(users.id, communityReports.reporterUserId))
		.where(and(eq(communityReports.status, 'open'), inArray(communityReports.templateId, groups.map((group) => group.templateId))))
		.orderBy(desc(communityReports.createdAt))
	return groups.map((group) => ({
		...group,
		openReports: Number(group.openReports),
		latestReportAt: group.latestReportAt ? new Date(group.latestReportAt) : null,
		reports: reports.filter((report) => report.templateId === group.templateId),
	}))
}

/** An active template by slug (public, or unlisted through its link), as the report form needs it. */
export async function findActiveTemplateBySlug(slug: string, database: Database = db) {
	if (!couldBeTemplateKey(slug)) return null
	const [template] = await database
		.select({ id: communityTemplates.id, slug: communityTemplates.slug, title: communityTemplates.title, ownerUserId: communityTemplates.ownerUserId })
		.from(communityTemplates)
		.where(and(eq(communityTemplates.slug, slug), eq(communityTemplates.status, 'active')))
		.limit(1)
	return template ?? null
}
