import vm from 'node:vm'
import { describe, expect, test } from 'vitest'
import { ICON_SET_PREFIXES } from '#app/utils/scene-icons.ts'
import { loader } from '#app/routes/preview.icons[.]js.ts'
import { iconScript, lookUpIcons } from './scene-icons.server.ts'

describe('icon data from the installed Iconify sets', () => {
	test('every served set is installed and answers for one of its icons', { timeout: 60_000 }, async () => {
		const firstIcons = await Promise.all(
			ICON_SET_PREFIXES.map(async (prefix) => {
				const { createRequire } = await import('node:module')
				const set = createRequire(import.meta.url)(`@iconify-json/${prefix}/icons.json`) as { icons: Record<string, unknown> }
				return `${prefix}:${Object.keys(set.icons)[0]}`
			}),
		)
		for (const name of firstIcons) {
			const { sets, missing } = await lookUpIcons([name])
			expect(missing, name).toEqual([])
			expect(sets).toHaveLength(1)
		}
	})

	test('a subset per set with the drawing, and the names no set has', async () => {
		const { sets, missing } = await lookUpIcons(['mdi:home', 'tabler:star', 'mdi:home', 'mdi:definitely-not-an-icon', 'nosuchset:home'])
		expect(sets.map((set) => [set.prefix, Object.keys(set.icons)])).toEqual([
			['mdi', ['home']],
			['tabler', ['star']],
		])
		expect(sets[0]!.icons.home!.body).toMatch(/^<path /)
		expect(missing).toEqual(['mdi:definitely-not-an-icon', 'nosuchset:home'])
	})

	test('an alias brings the icon it points at', async () => {
		const { createRequire } = await import('node:module')
		const mdi = createRequire(import.meta.url)('@iconify-json/mdi/icons.json') as { aliases: Record<string, { parent: string }> }
		const [alias, { parent }] = Object.entries(mdi.aliases)[0]!
		const { sets, missing } = await lookUpIcons([`mdi:${alias}`])
		expect(missing).toEqual([])
		expect(Object.keys(sets[0]!.aliases ?? {})).toContain(alias)
		expect(Object.keys(sets[0]!.icons)).toContain(parent)
	})

	test('the script hands the data to BazaarIcons and names what is missing', async () => {
		const calls: Array<[string, unknown]> = []
		const BazaarIcons = { add: (set: unknown) => calls.push(['add', set]), missing: (names: unknown) => calls.push(['missing', names]) }
		vm.runInNewContext(await iconScript(['mdi:home', 'mdi:definitely-not-an-icon']), { BazaarIcons })
		expect(calls.map(([kind]) => kind)).toEqual(['add', 'missing'])
		expect((calls[0]![1] as { prefix: string }).prefix).toBe('mdi')
		expect(calls[1]![1]).toEqual(['mdi:definitely-not-an-icon'])
	})
})

describe('GET /preview/icons.js', () => {
	const get = (query: string) => loader({ request: new Request(`http://localhost/preview/icons.js${query}`), params: {}, context: {} })

	test('a script, cached for a day', async () => {
		const response = await get('?icons=mdi:home')
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
		expect(response.headers.get('cache-control')).toBe('public, max-age=86400')
		expect(await response.text()).toContain('BazaarIcons.add({"prefix":"mdi"')
	})

	test.each([
		['no list', ''],
		['an empty list', '?icons='],
		['a name that is no icon name', '?icons=mdi:home,%3Cscript%3E'],
		['too many names', `?icons=${Array.from({ length: 201 }, (_, index) => `mdi:icon-${index}`).join(',')}`],
	])('400 for %s, saying what was wrong', async (_label, query) => {
		const response = await get(query)
		expect(response.status).toBe(400)
		const body = await response.json()
		expect(body.error.code).toBe('bad_request')
		expect(body.error.issues.length).toBeGreaterThan(0)
	})
})
