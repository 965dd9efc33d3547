import { expect, test } from '@playwright/test'

test('the home page lists seeded public templates and no console errors', async ({ page }) => {
	const errors: string[] = []
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text())
	})
	await page.goto('/')
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	await expect(page.getByRole('link', { name: 'Logo Animation' })).toBeVisible()
	expect(errors).toEqual([])
})

test('/healthz reports the database', async ({ request }) => {
	const response = await request.get('/healthz')
	expect(response.status()).toBe(200)
	expect(await response.json()).toMatchObject({ status: 'ok', database: { ok: true } })
})
