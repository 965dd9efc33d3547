/**
 * The sandbox proof: scenes seeded straight into the e2e database (bypassing
 * the validator on purpose) run inside `<iframe sandbox="allow-scripts">` on a
 * page of the site, and nothing they try reaches the site's cookies or
 * storage, the network, the top window or a form target. Also: broken scenes
 * end in an error card and leave the page around them alone.
 */
import { randomUUID } from 'node:crypto'
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Locator, type Page, expect, test } from '@playwright/test'
import postgres from 'postgres'
import { hostilePreviewScene, sceneAround } from '../fixtures/hostile-scenes.ts'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const SITE = `http://localhost:${PORT}`
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/bazaar_e2e_${PORT}`

let trap: http.Server
let trapUrl = ''
const trapRequests: string[] = []
const templates = { hostile: randomUUID(), hostileStandalone: randomUUID(), compileError: randomUUID(), throws: randomUUID() }

async function seedTemplate(sql: postgres.Sql, id: string, title: string, tsxCode: string) {
	await sql`insert into "bazaar-vid_community_templates" (id, slug, title, visibility, status, supported_formats)
		values (${id}, ${`e2e-${id}`}, ${title}, 'unlisted', 'active', ${sql.json(['square'])})`
	await sql`insert into "bazaar-vid_community_template_scenes" (template_id, scene_index, title, tsx_code, duration, preview_frame, code_hash)
		values (${id}, 0, ${title}, ${tsxCode}, 90, 0, ${createHash('sha256').update(tsxCode).digest('hex')})`
}

test.beforeAll(async () => {
	trap = http.createServer((request, response) => {
		trapRequests.push(`${request.method} ${request.url}`)
		response.setHeader('Access-Control-Allow-Origin', '*')
		response.end('caught')
	})
	await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve))
	trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`

	const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} })
	await seedTemplate(sql, templates.hostile, 'Hostile scene', hostilePreviewScene(trapUrl))
	await seedTemplate(sql, templates.hostileStandalone, 'Hostile scene, standalone', hostilePreviewScene(trapUrl, { navigateTop: false }))
	await seedTemplate(sql, templates.compileError, 'Does not compile', 'export default function Scene() { return <div>; }')
	await seedTemplate(sql, templates.throws, 'Throws', sceneAround("throw new Error('boom from the scene');"))
	await sql.end()
})

test.beforeEach(() => {
	trapRequests.length = 0
})

test.afterAll(async () => {
	await new Promise((resolve) => trap.close(resolve))
})

/** A page on the site's own origin that frames a preview the way the template page does. */
async function openHostPage(page: Page, templateId: string) {
	const hostUrl = `${SITE}/__sandbox-host`
	await page.route(hostUrl, (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: `<!doctype html><html><head><title>Host page</title></head><body>
				<h1 id="host-heading">Host page</h1>
				<iframe title="Scene preview" sandbox="allow-scripts" src="/preview/${templateId}/0" style="width:480px;height:480px;border:0"></iframe>
			</body></html>`,
		}),
	)
	await page.context().addCookies([
		{ name: '__bazaar_session', value: 'secret-session-value', url: SITE, httpOnly: true, sameSite: 'Lax' },
		{ name: 'site_probe', value: 'readable-by-the-site', url: SITE, httpOnly: false, sameSite: 'Lax' },
	])
	await page.goto(hostUrl)
	await page.evaluate(() => localStorage.setItem('probe', 'site-secret'))
	return hostUrl
}

/**
 * What the policy refuses of the hostile scene's attempts: each fetch, XHR,
 * beacon and image to the trap. (The form, the popup and the top navigation
 * are refused by the sandbox itself, which reports no violation.)
 */
const BLOCKED_ATTEMPTS = ['connect-src /fetch', 'connect-src /xhr', 'connect-src /beacon', 'connect-src /reflect', 'img-src /image']

async function expectEveryAttemptRefused(report: Locator, attempts: string[]) {
	await expect
		.poll(async () => {
			const blocked = (JSON.parse((await report.textContent()) ?? '{}') as { blocked?: string[] }).blocked ?? []
			return attempts.filter((attempt) => !blocked.includes(attempt))
		}, { message: 'attempts the policy has not refused (yet)', timeout: 15_000 })
		.toEqual([])
}

/**
 * Another tab of the same browser (no policy in its way) sends the trap a
 * last request and we wait until it arrives: anything the preview had sent
 * before it would have arrived by then. Only that marker may be there.
 */
async function expectNothingReachedTheTrap(page: Page) {
	const marker = `/marker-${randomUUID()}`
	const tab = await page.context().newPage()
	await tab.evaluate((url) => fetch(url, { mode: 'no-cors' }).then(() => undefined), `${trapUrl}${marker}`)
	await tab.close()
	await expect.poll(() => trapRequests.some((request) => request.endsWith(marker)), { timeout: 10_000 }).toBe(true)
	expect(trapRequests.filter((request) => !request.endsWith(marker))).toEqual([])
}

test('a hostile scene reaches no cookie, no storage, no network, no top window and no form target', async ({ page }) => {
	const hostUrl = await openHostPage(page, templates.hostile)
	const report = page.frameLocator('iframe').locator('#hostile-report')
	// The fetch settles asynchronously; its outcome is the last thing the scene records.
	await expect(report).toContainText('fetchAsync', { timeout: 15_000 })
	const results = JSON.parse((await report.textContent()) ?? '{}') as Record<string, string>

	// Cookies and storage: the frame has an opaque origin, so every read throws.
	expect(results.cookie).toBe('threw SecurityError')
	expect(results.localStorage).toBe('threw SecurityError')
	expect(results.sessionStorage).toBe('threw SecurityError')
	expect(JSON.stringify(results)).not.toContain('secret-session-value')
	expect(JSON.stringify(results)).not.toContain('readable-by-the-site')
	expect(JSON.stringify(results)).not.toContain('site-secret')
	// The network: connect-src 'none' fails the fetch; no eval-like escape (no 'unsafe-eval').
	expect(results.fetchAsync).toBe('rejected TypeError')
	expect(results.functionConstructor).toBe('threw EvalError')
	// The page around it: unreadable.
	expect(results.topRead).toBe('threw SecurityError')
	expect(results.parentDocument).toBe('threw SecurityError')
	expect(results.popup).toBe('returned null')

	// Each request the scene tried was refused by the policy (not merely slow), and none reached the trap.
	await expectEveryAttemptRefused(report, BLOCKED_ATTEMPTS)
	await expectNothingReachedTheTrap(page)
	expect(page.url()).toBe(hostUrl)
	await expect(page.locator('#host-heading')).toHaveText('Host page')
	// Control: the site itself still has its cookie and storage.
	expect(await page.evaluate(() => document.cookie)).toContain('site_probe=readable-by-the-site')
	expect(await page.evaluate(() => localStorage.getItem('probe'))).toBe('site-secret')
})

test('opened on its own, outside any iframe, the preview is still sandboxed by its CSP', async ({ page, context }) => {
	await context.addCookies([{ name: 'site_probe', value: 'readable-by-the-site', url: SITE, httpOnly: false, sameSite: 'Lax' }])
	const url = `${SITE}/preview/${templates.hostileStandalone}/0`
	await page.goto(url)
	const report = page.locator('#hostile-report')
	await expect(report).toContainText('fetchAsync', { timeout: 15_000 })
	const results = JSON.parse((await report.textContent()) ?? '{}') as Record<string, string>
	expect(results.cookie).toBe('threw SecurityError')
	expect(results.localStorage).toBe('threw SecurityError')
	expect(results.fetchAsync).toBe('rejected TypeError')
	expect(results.parentDocument).toBe('returned "Hostile scene, standalone · Hostile scene, standalone"')
	await expectEveryAttemptRefused(report, BLOCKED_ATTEMPTS)
	await expectNothingReachedTheTrap(page)
	expect(page.url()).toBe(url)
})

test('a scene that does not compile, or throws, shows an error card inside the frame only', async ({ page }) => {
	for (const [templateId, title, detail] of [
		[templates.compileError, 'This scene does not compile', /Syntax error at line 1/],
		[templates.throws, 'This scene threw an error', /boom from the scene/],
	] as const) {
		await openHostPage(page, templateId)
		const card = page.frameLocator('iframe').getByRole('alert')
		await expect(card).toContainText(title)
		await expect(card).toContainText(detail)
		await expect(page.locator('#host-heading')).toHaveText('Host page')
	}
})
