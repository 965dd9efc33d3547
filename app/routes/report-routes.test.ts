/**
 * Reporting a template through the whole app (a document POST, as a browser
 * without JavaScript sends it): past the hourly limit the answer is a 429 with
 * Retry-After and the wait beside the form, and no report is recorded.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { communityReports } from '#app/db/schema.ts'
import { createTemplate, createUser, sessionCookieFor } from '#tests/fixtures/community-factories.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { REPORT_RATE_LIMIT } from './t.$slug_.report.tsx'

const { db } = useTestDatabase()
const app = useAppRequestHandler()

function report(cookie: string, slug: string) {
	return app.fetch(`/t/${slug}/report`, {
		method: 'POST',
		headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
		body: new URLSearchParams({ reason: 'broken', details: 'It stops at the second scene.' }).toString(),
	})
}

describe('POST /t/:slug/report', () => {
	test('past the hourly limit: a 429 with Retry-After, the wait on the page, nothing recorded', async () => {
		const owner = await createUser({ name: 'Reported Creator' })
		const reporter = await createUser({ name: 'Busy Reporter' })
		const cookie = await sessionCookieFor(reporter.id)
		for (let index = 0; index < REPORT_RATE_LIMIT.points; index++) {
			const template = await createTemplate(owner.id)
			const response = await report(cookie, template.slug)
			expect(response.status).toBe(200)
			expect(await response.text()).toContain('A moderator will look at this template')
		}
		const oneMore = await createTemplate(owner.id)
		const refused = await report(cookie, oneMore.slug)
		expect(refused.status).toBe(429)
		expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
		expect(await refused.text()).toMatch(/You have sent many reports recently\. Try again in \d+ minutes?\./)
		expect(await db.select().from(communityReports).where(eq(communityReports.templateId, oneMore.id))).toEqual([])
	})
})
