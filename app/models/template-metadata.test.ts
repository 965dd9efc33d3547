import { describe, expect, test } from 'vitest'
import { TemplateMetadataSchema, fieldErrors, normalizeTags, slugBase } from './template-metadata.ts'

const valid = { title: '  My   Intro ', description: 'One\r\n\r\n\r\n\r\nTwo  ', category: 'intros', tags: ' Logo, logo ,MINIMAL,, #Dark ', formats: ['square', 'landscape'], visibility: 'public' }

describe('template metadata', () => {
	test('normalizes title, description, tags and formats', () => {
		expect(TemplateMetadataSchema.parse(valid)).toEqual({
			title: 'My Intro',
			description: 'One\n\nTwo',
			category: 'intros',
			tags: ['logo', 'minimal', 'dark'],
			formats: ['landscape', 'square'],
			visibility: 'public',
		})
		expect(normalizeTags(['A', ' a ', 'b  c'])).toEqual(['a', 'b c'])
	})

	test('refuses what breaks the limits, with a message per field', () => {
		const result = TemplateMetadataSchema.safeParse({
			...valid,
			title: 'x',
			description: 'y'.repeat(1_000_000),
			category: 'nope',
			tags: Array.from({ length: 11 }, (_, index) => `t${index}`).join(','),
			formats: [],
			visibility: 'secret',
		})
		expect(result.success).toBe(false)
		const errors = fieldErrors(result.error!)
		expect(Object.keys(errors).sort()).toEqual(['category', 'description', 'formats', 'tags', 'title', 'visibility'])
		expect(errors.description![0]).toMatch(/at most 5,000 characters/)
		expect(errors.tags![0]).toMatch(/At most 10 tags/)
	})

	test('keeps HTML as plain text (escaping is the renderer’s job, nothing is stripped or interpreted)', () => {
		const parsed = TemplateMetadataSchema.parse({ ...valid, title: '<script>alert(1)</script>' })
		expect(parsed.title).toBe('<script>alert(1)</script>')
	})

	test('slug bases are readable ASCII', () => {
		expect(slugBase('Café Menu: Promo!!')).toBe('cafe-menu-promo')
		expect(slugBase('<script>')).toBe('script')
		expect(slugBase('★★★')).toBe('template')
	})
})
