import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { communityReports, communityTemplates } from '#app/db/schema.ts'
import { searchTemplates } from '#app/models/template.server.ts'
import { createTemplate, createUser } from '#tests/fixtures/community-factories.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import {
	ModerationError,
	dismissReports,
	latestDisableAction,
	listModerationActions,
	listReportQueue,
	listTemplatesForModeration,
	reportTemplate,
	setTemplateStatusByModerator,
} from './moderation.server.ts'

const { db } = useTestDatabase()

describe('moderation', () => {
	test('disabling flips the one status switch, records who/what/when/why, and hides it from public lists', async () => {
		const admin = await createUser({ isAdmin: true, name: 'Moderator Mo' })
		const owner = await createUser()
		const template = await createTemplate(owner.id, { title: 'To be disabled' })
		expect((await searchTemplates({}, { pageSize: 500 })).items.map((t) => t.id)).toContain(template.id)

		const action = await setTemplateStatusByModerator({ templateId: template.id, moderatorUserId: admin.id, action: 'disable', reason: 'Spam links' })
		expect(action).toMatchObject({ action: 'disable', reason: 'Spam links', moderatorUserId: admin.id })
		const [row] = await db.select().from(communityTemplates).where(eq(communityTemplates.id, template.id))
		expect(row!.status).toBe('disabled')
		expect((await searchTemplates({}, { pageSize: 500 })).items.map((t) => t.id)).not.toContain(template.id)
		expect(await latestDisableAction(template.id)).toMatchObject({ reason: 'Spam links' })

		await setTemplateStatusByModerator({ templateId: template.id, moderatorUserId: admin.id, action: 'enable', reason: 'Appeal accepted' })
		expect((await searchTemplates({}, { pageSize: 500 })).items.map((t) => t.id)).toContain(template.id)
		const trail = await listModerationActions({ templateId: template.id })
		expect(trail.map((entry) => [entry.action, entry.reason, entry.moderatorName])).toEqual([
			['enable', 'Appeal accepted', 'Moderator Mo'],
			['disable', 'Spam links', 'Moderator Mo'],
		])
	})

	test('an unknown template is a not_found error and nothing is recorded', async () => {
		const admin = await createUser({ isAdmin: true })
		const missing = '00000000-0000-4000-8000-000000000000'
		await expect(setTemplateStatusByModerator({ templateId: missing, moderatorUserId: admin.id, action: 'disable', reason: 'x' })).rejects.toBeInstanceOf(ModerationError)
		expect(await listModerationActions({ templateId: missing })).toEqual([])
	})

	test('the moderation list shows every status and visibility and searches title, slug and creator', async () => {
		const owner = await createUser({ name: 'Zebra Creator' })
		const unlisted = await createTemplate(owner.id, { title: 'Hidden gem', visibility: 'unlisted' })
		const disabled = await createTemplate(owner.id, { title: 'Broken thing', status: 'disabled' })
		const all = await listTemplatesForModeration({ limit: 1000 })
		expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([unlisted.id, disabled.id]))
		expect((await listTemplatesForModeration({ q: 'hidden GEM' })).map((t) => t.id)).toEqual([unlisted.id])
		expect((await listTemplatesForModeration({ q: 'zebra' })).map((t) => t.id).sort()).toEqual([unlisted.id, disabled.id].sort())
		expect((await listTemplatesForModeration({ q: 'zebra', status: 'disabled' })).map((t) => t.id)).toEqual([disabled.id])
		expect((await listTemplatesForModeration({ q: '%' })).length).toBe(0)
	})

	test('reports: one open per user and template, a queue most-reported or newest first, resolved by the action taken', async () => {
		const admin = await createUser({ isAdmin: true })
		const owner = await createUser()
		const [alice, bob] = [await createUser(), await createUser()]
		const popular = await createTemplate(owner.id, { title: 'Reported twice' })
		const recent = await createTemplate(owner.id, { title: 'Reported once, later' })
		await reportTemplate({ templateId: popular.id, reporterUserId: alice.id, reason: 'spam', details: 'buy now' })
		await reportTemplate({ templateId: popular.id, reporterUserId: bob.id, reason: 'offensive' })
		await expect(reportTemplate({ templateId: popular.id, reporterUserId: alice.id, reason: 'other' })).rejects.toMatchObject({ code: 'conflict' })
		// The first template's reports made a minute older: "newest" has an order to show without waiting for the clock.
		await db
			.update(communityReports)
			.set({ createdAt: sql`${communityReports.createdAt} - interval '1 minute'` })
			.where(eq(communityReports.templateId, popular.id))
		await reportTemplate({ templateId: recent.id, reporterUserId: alice.id, reason: 'broken' })

		const byCount = await listReportQueue()
		expect(byCount.map((group) => [group.templateId, group.openReports])).toEqual([
			[popular.id, 2],
			[recent.id, 1],
		])
		expect(byCount[0]!.reports.map((report) => report.reason).sort()).toEqual(['offensive', 'spam'])
		expect((await listReportQueue({ sort: 'newest' })).map((group) => group.templateId)).toEqual([recent.id, popular.id])

		const disabled = await setTemplateStatusByModerator({ templateId: popular.id, moderatorUserId: admin.id, action: 'disable', reason: 'Confirmed spam' })
		expect(disabled.reportsResolved).toBe(2)
		const dismissed = await dismissReports({ templateId: recent.id, moderatorUserId: admin.id, reason: 'Plays fine' })
		expect(dismissed).toMatchObject({ action: 'dismiss_reports', reportsResolved: 1 })
		expect(await listReportQueue()).toEqual([])

		const resolved = await db.select().from(communityReports).where(eq(communityReports.templateId, popular.id))
		expect(resolved.every((report) => report.status === 'resolved' && report.resolutionActionId === disabled.id)).toBe(true)
		// Once resolved, the same user may report again.
		await expect(reportTemplate({ templateId: popular.id, reporterUserId: alice.id, reason: 'spam' })).resolves.toMatchObject({ status: 'open' })
	})
})
