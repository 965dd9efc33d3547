/**
 * Signs in as a seeded demo user the way a visitor does (the demo login form),
 * in a browser context of its own (no cookies shared with other contexts).
 */
import type { Browser, BrowserContext, Page } from '@playwright/test'

export async function signInAs(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext()
	const page = await context.newPage()
	await page.goto('/login')
	await page.getByRole('button', { name: `Sign in as ${name}` }).click()
	await page.waitForURL((url) => url.pathname !== '/login')
	return { context, page }
}
