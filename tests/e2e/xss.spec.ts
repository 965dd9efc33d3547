/**
 * The XSS corpus (tests/fixtures/xss-payloads.ts) in every text a user can
 * write (template titles, descriptions, tags, scene titles, version notes, creator and
 * project names, report texts, creator bios and links, search queries, sign-in returnTo), rendered in
 * Chromium: nothing runs. Each page is checked twice: with the CSP (as
 * served) and with the CSP bypassed, so the escaping itself is proven, not
 * only the CSP behind it. Includes the template page's JSON-LD and the
 * gallery's ItemList.
 */
import { createCookieSessionStorage } from '@remix-run/node'
import { type Browser, expect, type Page, test } from '@playwright/test'
import postgres from 'postgres'
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.ts'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const ORIGIN = `http://localhost:${PORT}`
const sql = postgres(`postgres://postgres@127.0.0.1:5432/bazaar_e2e_${PORT}`, { max: 2, onnotice: () => {} })
const OWNER = 'xss-owner'
const REPORTER = 'xss-reporter'
const slugOf = (index: number) => `xss-payload-${index}`

declare global {
	interface Window {
		__xss?: unknown
		__cspViolations?: string[]
	}
}

async function cleanUp() {
	await sql`delete from "bazaar-vid_community_templates" where slug like 'xss-payload-%'`
	await sql`delete from "bazaar-vid_community_creator_profiles" where user_id in (${OWNER}, ${REPORTER})`
	// The editor keeps a user's projects when the user goes (no cascade): remove them first.
	await sql`delete from "bazaar-vid_project" where "userId" in (${OWNER}, ${REPORTER})`
	await sql`delete from "bazaar-vid_user" where id in (${OWNER}, ${REPORTER})`
}

test.beforeAll(async () => {
	await cleanUp()
	await sql`insert into "bazaar-vid_user" (id, name, email) values (${OWNER}, ${`Creator ${XSS_PAYLOADS[2]}`}, 'xss-owner@test.example'), (${REPORTER}, ${XSS_PAYLOADS[4]!}, 'xss-reporter@test.example')`
	const [scene] = await sql`select tsx_code, duration, code_hash from "bazaar-vid_community_template_scenes" where code_hash is not null limit 1`
	for (const [index, payload] of XSS_PAYLOADS.entries()) {
		await sql`insert into "bazaar-vid_project" ("userId", title, props) values (${OWNER}, ${payload}, '{}'::jsonb)`
		const [template] = await sql`
			insert into "bazaar-vid_community_templates" (slug, title, description, owner_user_id, tags, category, created_at, updated_at)
			values (${slugOf(index)}, ${payload}, ${`${payload}\n\nMore: ${payload}`}, ${OWNER}, ${sql.json([payload, `tag ${payload}`])}, 'intros', now() + interval '1 day', now() + interval '1 day')
			returning id`
		await sql`
			insert into "bazaar-vid_community_template_scenes" (template_id, scene_index, title, tsx_code, duration, code_hash)
			values (${template!.id}, 0, ${payload}, ${scene!.tsx_code}, ${scene!.duration}, ${scene!.code_hash})`
		await sql`insert into "bazaar-vid_community_reports" (template_id, reporter_user_id, reason, details) values (${template!.id}, ${REPORTER}, 'spam', ${payload})`
		// A second version whose note is the payload (the note shows on the template page and the creator's page).
		await sql`insert into "bazaar-vid_community_template_versions" (template_id, version, note, scene_count) values (${template!.id}, 1, null, 1), (${template!.id}, 2, ${payload}, 1)`
	}
	// A profile whose bio is the whole corpus and whose links were written around validation (straight into the table).
	await sql`
		insert into "bazaar-vid_community_creator_profiles" (user_id, handle, handle_chosen, bio, links)
		values (${OWNER}, 'xss-owner', true, ${XSS_PAYLOADS.join('\n')}, ${sql.json(['javascript:window.__xss=40', 'https://evil.example/"><script>window.__xss=41</script>', 'data:text/html,<script>parent.__xss=42</script>'])})`
})

test.afterAll(async () => {
	await cleanUp()
	await sql.end()
})

/** The Cookie of a signed-in session, made directly (the e2e server's SESSION_SECRET). */
async function sessionCookie(userId: string) {
	const storage = createCookieSessionStorage({ cookie: { name: '__bazaar_session', secrets: ['e2e-session-secret'], sameSite: 'lax', path: '/', httpOnly: true } })
	const session = await storage.getSession()
	session.set('userId', userId)
	const value = (await storage.commitSession(session)).split(';')[0]!.split('=').slice(1).join('=')
	return { name: '__bazaar_session', value, url: ORIGIN }
}

async function openContext(browser: Browser, { bypassCSP, userId }: { bypassCSP: boolean; userId?: string }) {
	const context = await browser.newContext({ bypassCSP })
	if (userId) await context.addCookies([await sessionCookie(userId)])
	await context.addInitScript(() => {
		window.alert = window.confirm = window.prompt = (() => {
			window.__xss = 'alert'
		}) as never
		document.addEventListener('securitypolicyviolation', (event) => {
			;(window.__cspViolations ??= []).push(`${event.violatedDirective} ${event.blockedURI || 'inline'}`)
		})
	})
	return context
}

/** Nothing ran, and nothing that could run was put into the page. */
async function expectNothingExecuted(page: Page, path: string) {
	// 'load': inline scripts run while parsing, onload/onerror handlers by the load event.
	await page.goto(path, { waitUntil: 'load' })
	// Give focus/toggle/load handlers a chance to fire if any were injected.
	await page.mouse.move(10, 10)
	await page.keyboard.press('Tab')
	const findings = await page.evaluate(() => {
		const problems: string[] = []
		if (window.__xss !== undefined) problems.push(`window.__xss = ${String(window.__xss)}`)
		for (const violation of window.__cspViolations ?? []) problems.push(`CSP violation: ${violation}`)
		for (const element of document.querySelectorAll('*')) {
			for (const attribute of element.attributes) {
				if (/^on/i.test(attribute.name)) problems.push(`<${element.localName} ${attribute.name}>`)
				if (/^\s*javascript:/i.test(attribute.value) && ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(attribute.name)) {
					problems.push(`<${element.localName} ${attribute.name}="${attribute.value.slice(0, 40)}">`)
				}
			}
			// Elements no page of ours renders, which a payload would bring.
			if (['object', 'embed', 'base'].includes(element.localName)) problems.push(`<${element.localName}>`)
			if (element.matches('iframe[srcdoc], meta[http-equiv]')) problems.push(`<${element.localName}> ${element.getAttributeNames().join(' ')}`)
			if (element.localName === 'style' && /__xss/.test(element.textContent ?? '')) problems.push('<style> from a payload')
		}
		const ldJson: unknown[] = []
		for (const script of document.querySelectorAll('script')) {
			if (script.type === 'application/ld+json') {
				try {
					ldJson.push(JSON.parse(script.textContent ?? ''))
				} catch {
					problems.push('a JSON-LD block that is not JSON (broken out of)')
				}
			} else if (/__xss|alert\(/.test(script.textContent ?? '') && !/^window\.__remixContext|__remix/.test(script.textContent ?? '')) {
				// Remix's own hydration data carries the texts as JSON strings: fine. Anything else is an injected script.
				if (!script.textContent!.includes('__remixContext') && !script.textContent!.includes('streamController')) problems.push(`a script element with a payload: ${script.textContent!.slice(0, 80)}`)
			}
		}
		return { problems, ldJson: JSON.stringify(ldJson) }
	})
	expect(findings.problems, path).toEqual([])
	return findings
}

const publicPaths = [
	'/?sort=new',
	'/?sort=new&page=2',
	...XSS_PAYLOADS.map((payload) => `/?q=${encodeURIComponent(payload)}`),
	...XSS_PAYLOADS.slice(0, 8).map((payload) => `/?tag=${encodeURIComponent(payload)}`),
	...XSS_PAYLOADS.map((payload) => `/login?returnTo=${encodeURIComponent(payload)}`),
	`/login?returnTo=${encodeURIComponent('/t/x"><script>window.__xss=100</script>')}`,
	`/auth/bazaar?token=bad&returnTo=${encodeURIComponent('javascript:window.__xss=101')}`,
]

for (const bypassCSP of [false, true]) {
	const mode = bypassCSP ? 'with the CSP bypassed (escaping alone)' : 'with the CSP'
	test(`gallery, search, tags and sign-in: nothing runs ${mode}`, async ({ browser }) => {
		test.setTimeout(180_000)
		const context = await openContext(browser, { bypassCSP })
		const page = await context.newPage()
		await expectNothingExecuted(page, '/?sort=new')
		// The cards show the payload titles as plain text.
		expect((await page.locator('.template-card-title').allTextContents()).filter((title) => title.includes('__xss')).length).toBeGreaterThan(0)
		for (const path of publicPaths) await expectNothingExecuted(page, path)
		await context.close()
	})

	test(`template pages (title, description, tags, scene titles, version notes, creator name, JSON-LD): nothing runs ${mode}`, async ({ browser }) => {
		test.setTimeout(120_000)
		const context = await openContext(browser, { bypassCSP })
		const page = await context.newPage()
		for (const [index, payload] of XSS_PAYLOADS.entries()) {
			const { ldJson } = await expectNothingExecuted(page, `/t/${slugOf(index)}`)
			// The title reaches the JSON-LD intact, as data.
			expect(JSON.parse(ldJson)[0].name).toBe(payload)
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(payload)
			await expect(page.getByTestId('template-version')).toContainText('version 2')
			await expect(page.locator('.version-note')).toHaveText(payload)
		}
		await context.close()
	})

	test(`a creator profile (name, bio, hand-written links, JSON-LD): nothing runs ${mode}`, async ({ browser }) => {
		const context = await openContext(browser, { bypassCSP })
		const page = await context.newPage()
		const { ldJson } = await expectNothingExecuted(page, '/creators/xss-owner')
		expect(JSON.parse(ldJson)[0].mainEntity.name).toBe(`Creator ${XSS_PAYLOADS[2]}`)
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Creator ${XSS_PAYLOADS[2]}`)
		await expect(page.locator('.creator-bio')).toHaveText(XSS_PAYLOADS.join('\n'))
		// Only the https link is a link; the script-bearing part of it stays inside the address.
		const hrefs = await page.locator('.creator-links a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))
		expect(hrefs).toEqual(['https://evil.example/"><script>window.__xss=41</script>'])
		await context.close()
	})

	test(`creator and moderator pages (project names, dashboards, report texts): nothing runs ${mode}`, async ({ browser }) => {
		test.setTimeout(120_000)
		const owner = await openContext(browser, { bypassCSP, userId: OWNER })
		const ownerPage = await owner.newPage()
		await expectNothingExecuted(ownerPage, '/me/templates')
		await expectNothingExecuted(ownerPage, '/publish')
		const [project] = await sql`select id from "bazaar-vid_project" where "userId" = ${OWNER} limit 1`
		await expectNothingExecuted(ownerPage, `/publish?projectId=${project!.id}`)
		const [template] = await sql`select id from "bazaar-vid_community_templates" where slug = ${slugOf(0)}`
		await expectNothingExecuted(ownerPage, `/me/templates/${template!.id}`)
		await expect(ownerPage.locator('.version-note')).toHaveText(XSS_PAYLOADS[0]!)
		// The update form sent back (no scenes in that project) keeps a hostile note as text in its field.
		await expectNothingExecuted(ownerPage, `/me/templates/${template!.id}?projectId=${project!.id}`)
		await ownerPage.locator('#note').fill(XSS_PAYLOADS[3]!)
		await ownerPage.getByRole('button', { name: 'Publish version 3' }).click()
		await expect(ownerPage.locator('#sceneIds-error')).toContainText('no scenes')
		await expect(ownerPage.locator('#note')).toHaveValue(XSS_PAYLOADS[3]!)
		expect(await ownerPage.evaluate(() => [window.__xss ?? null, window.__cspViolations ?? []])).toEqual([null, []])
		await expectNothingExecuted(ownerPage, '/me/profile')
		await expect(ownerPage.locator('#bio')).toHaveValue(XSS_PAYLOADS.join('\n'))
		await owner.close()

		const reporter = await openContext(browser, { bypassCSP, userId: REPORTER })
		const reporterPage = await reporter.newPage()
		await expectNothingExecuted(reporterPage, `/t/${slugOf(1)}/report`)
		await expectNothingExecuted(reporterPage, '/me/favorites')
		await reporter.close()

		const admin = await openContext(browser, { bypassCSP, userId: 'demo-admin' })
		const adminPage = await admin.newPage()
		await expectNothingExecuted(adminPage, '/admin/templates')
		await expectNothingExecuted(adminPage, `/admin/templates?q=${encodeURIComponent(XSS_PAYLOADS[0]!)}`)
		await expect(adminPage.getByText(XSS_PAYLOADS[0]!).first()).toBeVisible()
		await admin.close()
	})
}
