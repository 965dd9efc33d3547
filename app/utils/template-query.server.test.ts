import { describe, expect, it } from 'vitest'
import { MAX_GALLERY_PAGE } from './template-filters.ts'
import { parseGalleryQuery } from './template-query.server.ts'

const parse = (query: string) => parseGalleryQuery(new URLSearchParams(query))

describe('parseGalleryQuery: a hand-edited gallery link gives the closest sensible page', () => {
	it('keeps valid filters, sort and page', () => {
		expect(parse('q=logo%20anim&category=data&format=portrait&tag=Neon&sort=new&page=3')).toEqual({
			q: 'logo anim',
			category: 'data',
			format: 'portrait',
			tag: 'neon',
			sort: 'new',
			page: 3,
		})
	})

	it('drops each invalid field on its own and keeps the rest', () => {
		expect(parse('q=chart&category=nope&format=round&sort=loudest')).toEqual({ q: 'chart', page: 1 })
	})

	it('treats empty fields as absent, as a submitted form sends them', () => {
		expect(parse('q=%20%20&category=&tag=&page=')).toEqual({ page: 1 })
	})

	it('reads a page that is not a whole number from 1 to the last allowed as page 1', () => {
		for (const page of ['abc', '0', '-2', '1.5', String(MAX_GALLERY_PAGE + 1)]) expect(parse(`page=${page}`).page, page).toBe(1)
		expect(parse(`page=${MAX_GALLERY_PAGE}`).page).toBe(MAX_GALLERY_PAGE)
	})

	it('turns control characters in a search into spaces (PostgreSQL refuses a NUL byte)', () => {
		expect(parse('q=neon%00glow').q).toBe('neon glow')
	})
})
