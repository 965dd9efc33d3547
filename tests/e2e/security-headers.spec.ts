/**
 * The CSP in a real browser: no page produces a CSP violation or a console
 * error, the app still hydrates (Remix's scripts carry the nonce), and the
 * favorite toggle still works through its fetcher (no page reload).
 */
import { expect, type Page, test } from '@playwright/test'
import postgres from 'postgres'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const ORIGIN = `http://localhost:${PORT}`
const sql = postgres(`postgres://postgres@127.0.0.1:5432/bazaar_e2e_${PORT}`, { max: 2, onnotice: () => {} })

test.afterAll(async () => {
	await sql.end()
})

declare global {
	interface Window {
		__cspViolations?: string[]
		__sameDocument?: boolean
	}
}

/** Collects CSP violations (from the page and its frames) and console errors. */
function watchForViolations(page: Page) {
	const problems: string[] = []
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console: ${message.text()}`)
	})
	page.on('pageerror', (error) => problems.push(`pageerror on ${page.url()}: ${error.message}`))
	return {
		problems,
		async collect() {
			for (const frame of page.frames()) {
				const violations = await frame.evaluate(() => window.__cspViolations ?? []).catch(() => [])
				problems.push(...violations.map((violation) => `csp (${frame.url()}): ${violation}`))
			}
			return problems
		},
	}
}

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			;(window.__cspViolations ??= []).push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`)
		})
	})
})

async function signIn(page: Page, name: string, returnTo = '/') {
	await page.goto(`/login?returnTo=${encodeURIComponent(returnTo)}`)
	await page.getByRole('button', { name: `Sign in as ${name}` }).click()
	await page.waitForURL(`${ORIGIN}${returnTo}`)
}

async function expectHydrated(page: Page) {
	// Remix sets window.__remixRouter when its client entry has run.
	await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))).toBe(true)
}

test('anonymous pages: no CSP violation, no console error, hydrated', async ({ page }) => {
	const watch = watchForViolations(page)
	for (const path of ['/', '/?q=logo&sort=new', '/t/logo-animation', '/login', '/t/no-such-template']) {
		const response = await page.goto(path)
		expect(response?.headers()['content-security-policy']).toContain("'nonce-")
		await expectHydrated(page)
		await page.waitForLoadState('networkidle')
	}
	expect((await watch.collect()).filter((problem) => !problem.includes('404'))).toEqual([])
})

test('signed-in pages and the favorite toggle work under the CSP', async ({ page }) => {
	await sql`
		delete from "bazaar-vid_community_favorites"
		where user_id = 'demo-admin' and template_id = (select id from "bazaar-vid_community_templates" where slug = 'logo-animation')`
	const watch = watchForViolations(page)
	await signIn(page, 'Bazaar Team', '/t/logo-animation')
	await expectHydrated(page)
	await page.evaluate(() => {
		window.__sameDocument = true
	})
	await page.getByRole('button', { name: /^Add to favorites/ }).click()
	await expect(page.getByRole('button', { name: /^Remove from favorites/ })).toHaveAttribute('aria-pressed', 'true')
	await expect.poll(async () => (await sql`select 1 from "bazaar-vid_community_favorites" f join "bazaar-vid_community_templates" t on t.id = f.template_id where f.user_id = 'demo-admin' and t.slug = 'logo-animation'`).length).toBe(1)
	// The fetcher did it: still the same document, no reload.
	expect(await page.evaluate(() => window.__sameDocument)).toBe(true)

	for (const path of ['/me/favorites', '/me/templates', '/publish', '/admin/templates', '/t/neon-night-title/report']) {
		await page.goto(path)
		await expectHydrated(page)
		await page.waitForLoadState('networkidle')
	}
	expect(await watch.collect()).toEqual([])
})
