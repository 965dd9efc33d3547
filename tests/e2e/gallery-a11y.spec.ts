/** Accessibility (axe-core: no serious or critical violation) and responsive layout, plus the docs screenshots. */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

const PAGES = [
	{ name: 'gallery', path: '/' },
	{ name: 'gallery-filtered', path: '/?q=count&format=portrait' },
	{ name: 'template', path: '/t/quarterly-results-dashboard' },
	{ name: 'not-found', path: '/t/no-such-template' },
]

for (const { name, path } of PAGES) {
	test(`${name}: no serious or critical axe violations`, async ({ page }) => {
		await page.goto(path)
		const results = await new AxeBuilder({ page }).analyze()
		const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
	})
}

for (const { label, width, height } of [
	{ label: 'phone', width: 360, height: 780 },
	{ label: 'desktop', width: 1280, height: 900 },
]) {
	test(`${label} (${width}px): no horizontal scrolling; screenshots for docs/screenshots`, async ({ page }) => {
		await page.setViewportSize({ width, height })
		for (const [name, path] of [
			['gallery', '/'],
			['template', '/t/quarterly-results-dashboard'],
		] as const) {
			await page.goto(path)
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
			await page.screenshot({ path: `docs/screenshots/${name}-${label}.png` })
		}
	})
}
