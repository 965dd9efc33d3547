/**
 * The creator dashboard as a creator reads it: a signed-in GET of
 * /me/templates through the whole app, and the page's text for each template
 * row ("3 scenes", "1 scene").
 */
import { describe, expect, test } from 'vitest'
import { communityTemplateScenes } from '#app/db/schema.ts'
import { createTemplate, createUser, sessionCookieFor, VALID_SCENE_TSX } from '#tests/fixtures/community-factories.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

const { db } = useTestDatabase()
const app = useAppRequestHandler()

/** The visible text of the row (`<li data-template-id=…>`) for one template: tags dropped, whitespace collapsed. */
function rowText(html: string, templateId: string) {
	const start = html.indexOf(`data-template-id="${templateId}"`)
	if (start === -1) return null
	const end = html.indexOf('</li>', start)
	return html
		.slice(start, end)
		.replace(/^[^>]*>/, '')
		.replace(/<!--.*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
}

describe('/me/templates', () => {
	test('shows each template’s true number of scenes', async () => {
		const creator = await createUser()
		const single = await createTemplate(creator.id, { title: 'One Scene Wonder' })
		const triple = await createTemplate(creator.id, { title: 'Three Act Story' })
		await db.insert(communityTemplateScenes).values(
			[1, 2].map((sceneIndex) => ({ templateId: triple.id, sceneIndex, title: `Act ${sceneIndex + 1}`, tsxCode: VALID_SCENE_TSX, duration: 60 })),
		)

		const response = await app.fetch('/me/templates', { headers: { Cookie: await sessionCookieFor(creator.id), Accept: 'text/html' } })
		expect(response.status).toBe(200)
		const html = await response.text()
		expect(rowText(html, single.id)).toMatch(/^One Scene Wonder .* 1 scene · /)
		expect(rowText(html, triple.id)).toMatch(/^Three Act Story .* 3 scenes · /)
	})
})
