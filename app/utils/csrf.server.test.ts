import { describe, expect, test } from 'vitest'
import { isCrossOriginRequest, refuseCrossSitePagePost, requireSameOrigin } from './csrf.server.ts'

const post = (headers: Record<string, string>, method = 'POST') => new Request('http://localhost:3000/t/logo-animation', { method, headers })

describe('requireSameOrigin', () => {
	test('same-origin posts pass', () => {
		expect(() => requireSameOrigin(post({ Origin: 'http://localhost:3000', 'Sec-Fetch-Site': 'same-origin' }))).not.toThrow()
		expect(() => requireSameOrigin(post({ Origin: 'http://localhost:3000' }))).not.toThrow()
		// No browser headers at all: not a browser form post (curl, server-to-server).
		expect(() => requireSameOrigin(post({}))).not.toThrow()
	})

	test('cross-site, same-site (sibling subdomain) and opaque-origin posts get 403', async () => {
		const cases: Record<string, string>[] = [
			{ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
			{ Origin: 'https://evil.example' },
			{ Origin: 'null' },
			{ 'Sec-Fetch-Site': 'cross-site' },
			{ Origin: 'http://sub.localhost:3000', 'Sec-Fetch-Site': 'same-site' },
			{ Origin: 'http://localhost:3000', 'Sec-Fetch-Site': 'cross-site' },
		]
		for (const headers of cases) {
			let thrown: unknown
			try {
				requireSameOrigin(post(headers))
			} catch (error) {
				thrown = error
			}
			expect(thrown, JSON.stringify(headers)).toBeInstanceOf(Response)
			expect((thrown as Response).status).toBe(403)
		}
	})

	test('reads (GET/HEAD) are never refused', () => {
		expect(() => requireSameOrigin(post({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }, 'GET'))).not.toThrow()
		expect(isCrossOriginRequest(post({ 'Sec-Fetch-Site': 'none' }))).toBe(false)
	})
})

describe('refuseCrossSitePagePost (the server-level guard)', () => {
	const headers = (values: Record<string, string>) => new Headers(values)
	const own = 'http://localhost:3000'
	test('refuses cross-site page posts, lets same-origin posts, reads and /api/ through', () => {
		const evil = headers({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })
		expect(refuseCrossSitePagePost('POST', '/t/logo-animation', evil, own)).toBe(true)
		expect(refuseCrossSitePagePost('POST', '/logout', headers({ Origin: 'https://evil.example' }), own)).toBe(true)
		expect(refuseCrossSitePagePost('POST', '/t/logo-animation', headers({ Origin: own, 'Sec-Fetch-Site': 'same-origin' }), own)).toBe(false)
		expect(refuseCrossSitePagePost('GET', '/t/logo-animation', evil, own)).toBe(false)
		expect(refuseCrossSitePagePost('POST', '/api/v1/events', evil, own)).toBe(false)
	})
})
