import { describe, expect, test } from 'vitest'
import { CreatorProfileSchema, firstFreeHandle, handleBaseFromName } from './creator-profile.ts'

const parse = (input: { handle?: string; bio?: string; links?: string }) => CreatorProfileSchema.safeParse({ handle: 'ada', ...input })
const messages = (input: Parameters<typeof parse>[0], field: string) =>
	(parse(input).error?.issues ?? []).filter((issue) => issue.path[0] === field).map((issue) => issue.message)

describe('handles', () => {
	test('3–30 characters of a-z, 0-9 and dashes; typed case is folded', () => {
		expect(parse({ handle: '  Ada-Lovelace ' }).data?.handle).toBe('ada-lovelace')
		expect(parse({ handle: 'a1b' }).success).toBe(true)
		expect(messages({ handle: 'ab' }, 'handle')).toEqual(['A handle has at least 3 characters'])
		expect(messages({ handle: 'a'.repeat(31) }, 'handle')).toEqual(['A handle has at most 30 characters'])
		expect(messages({ handle: 'ada_l' }, 'handle')).toContain('Use only lower-case letters a–z, digits and dashes')
		expect(messages({ handle: 'adä' }, 'handle')).toContain('Use only lower-case letters a–z, digits and dashes')
		expect(messages({ handle: '-ada' }, 'handle')).toContain('Start and end the handle with a letter or a digit')
	})

	test('reserved words are refused whatever their case', () => {
		for (const handle of ['admin', 'API', 'login', 'publish', 'Creators']) {
			expect(messages({ handle }, 'handle')).toEqual(['This handle is reserved; choose another'])
		}
		expect(parse({ handle: 'me' }).success).toBe(false)
	})

	test('a derived handle comes from the name, avoids taken and reserved ones', () => {
		expect(handleBaseFromName('Maya Chén')).toBe('maya-chen')
		expect(handleBaseFromName('李')).toBe('creator')
		expect(handleBaseFromName(null)).toBe('creator')
		expect(handleBaseFromName('x'.repeat(80)).length).toBeLessThanOrEqual(26)
		expect(firstFreeHandle('maya-chen', new Set(['maya-chen', 'maya-chen-2']))).toBe('maya-chen-3')
		expect(firstFreeHandle('admin', new Set())).toBe('admin-2')
	})
})

describe('bio and links', () => {
	test('bio: plain text up to 500 characters, line breaks kept', () => {
		expect(parse({ bio: ' Hello\r\nworld ' }).data?.bio).toBe('Hello\nworld')
		expect(messages({ bio: 'x'.repeat(501) }, 'bio')).toEqual(['The bio can have at most 500 characters'])
	})

	test('links: https only, one a line, at most 3, blank lines ignored', () => {
		expect(parse({ links: 'https://maya.example/\n\n  https://example.org/work  ' }).data?.links).toEqual(['https://maya.example/', 'https://example.org/work'])
		expect(messages({ links: 'javascript:alert(1)' }, 'links')).toEqual(['Line 1: only https:// links are allowed (not javascript:)'])
		expect(messages({ links: 'https://ok.example\nhttp://plain.example' }, 'links')).toEqual(['Line 2: only https:// links are allowed (not http:)'])
		expect(messages({ links: 'data:text/html,<script>alert(1)</script>' }, 'links')[0]).toMatch(/^Line 1: only https:\/\//)
		expect(messages({ links: 'not a url' }, 'links')).toEqual(['Line 1: not a web address (write it as https://…)'])
		expect(messages({ links: 'https://user:pw@evil.example' }, 'links')).toEqual(['Line 1: a link cannot carry a user name or password'])
		expect(messages({ links: 'https://a.example\nhttps://b.example\nhttps://c.example\nhttps://d.example' }, 'links')).toEqual(['At most 3 links'])
	})
})
