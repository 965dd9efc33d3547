import { describe, expect, test } from 'vitest'
import { isCrossOriginRequest, requireSameOrigin } from './csrf.server.ts'

const post = (headers: Record<string, string>, method = 'POST') => new Request('http://localhost:3000/t/logo-animation', { method, headers })

describe('requireSameOrigin', () => {
	test('same-origin posts pass', () => {
		expect(() => requireSameOrigin(post({ Origin: 'http://localhost:3000', 'Sec-Fetch-Site': 'same-origin' }))).not.toThrow()
		expect(() => requireSameOrigin(post({ Origin: 'http://localhost:3000' }))).not.toThrow()
		// No browser headers at all: not a browser form post (curl, server-to-server).
		expect(() => requireSameOrigin(post({}))).not.toThrow()
	})

	test('cross-site, same-site (sibling subdomain) and opaque-origin posts get 403', async () => {
		for (const headers of [
			{ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
			{ Origin: 'https://evil.example' },
			{ Origin: 'null' },
			{ 'Sec-Fetch-Site': 'cross-site' },
			{ Origin: 'http://sub.localhost:3000', 'Sec-Fetch-Site': 'same-site' },
			{ Origin: 'http://localhost:3000', 'Sec-Fetch-Site': 'cross-site' },
		]) {
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
