import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { corsHeaders, corsPreflight, isAllowedOrigin, withCors } from '#app/utils/cors.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'

const EDITOR = 'https://editor.example'
const EVIL = 'https://evil.example'

let previous: string | undefined
beforeEach(() => {
	previous = process.env.WIDGET_ALLOWED_ORIGINS
	process.env.WIDGET_ALLOWED_ORIGINS = `${EDITOR}/, http://localhost:3351`
	resetEnvCache()
})
afterEach(() => {
	if (previous === undefined) delete process.env.WIDGET_ALLOWED_ORIGINS
	else process.env.WIDGET_ALLOWED_ORIGINS = previous
	resetEnvCache()
})

function preflight(origin: string | null, method = 'PUT', headers = 'authorization, content-type') {
	const requestHeaders = new Headers({ 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers })
	if (origin) requestHeaders.set('Origin', origin)
	return new Request('http://localhost/api/v1/templates/x/favorite', { method: 'OPTIONS', headers: requestHeaders })
}

describe('isAllowedOrigin', () => {
	test('accepts exactly the configured origins (trailing slash in the config ignored)', () => {
		expect(isAllowedOrigin(EDITOR)).toBe(true)
		expect(isAllowedOrigin('http://localhost:3351')).toBe(true)
	})
	test('refuses other origins, look-alikes, the opaque "null" origin and no origin', () => {
		for (const origin of [EVIL, 'https://editor.example.evil.example', 'http://editor.example', 'http://localhost:3352', 'null', '', null, undefined]) {
			expect(isAllowedOrigin(origin)).toBe(false)
		}
	})
	test('an empty allow-list allows nobody', () => {
		expect(isAllowedOrigin(EDITOR, [])).toBe(false)
	})
})

describe('withCors', () => {
	test('an allowed origin gets its own origin back, Retry-After exposed, no credentials', () => {
		const request = new Request('http://localhost/api/v1/templates', { headers: { Origin: EDITOR } })
		const response = withCors(request, Response.json({ items: [] }))
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe(EDITOR)
		expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After')
		expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull()
		expect(response.headers.get('Vary')).toBe('Origin')
	})
	test('a disallowed origin gets no Access-Control-Allow-Origin but still Vary: Origin', () => {
		const request = new Request('http://localhost/api/v1/templates', { headers: { Origin: EVIL } })
		const response = withCors(request, Response.json({ items: [] }))
		expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
		expect(response.headers.get('Vary')).toBe('Origin')
	})
	test('keeps the existing Vary values and does not double headers when applied twice', () => {
		const request = new Request('http://localhost/api/v1/templates', { headers: { Origin: EDITOR } })
		const once = withCors(request, new Response('{}', { headers: { Vary: 'Accept-Encoding' } }))
		const twice = withCors(request, once)
		expect(twice.headers.get('Vary')).toBe('Accept-Encoding, Origin')
		expect(twice.headers.get('Access-Control-Allow-Origin')).toBe(EDITOR)
	})
	test('works on a response with immutable headers and keeps status and body', async () => {
		const immutable = Response.redirect('http://localhost/elsewhere', 302)
		const request = new Request('http://localhost/api/v1/templates', { headers: { Origin: EDITOR } })
		const response = withCors(request, immutable)
		expect(response.status).toBe(302)
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe(EDITOR)
		const error = withCors(request, Response.json({ error: { code: 'unauthorized' } }, { status: 401 }))
		expect(error.status).toBe(401)
		expect(await error.json()).toEqual({ error: { code: 'unauthorized' } })
	})
})

describe('corsPreflight', () => {
	test('answers an allowed origin with methods, Authorization and Content-Type, and a max-age', () => {
		const response = corsPreflight(preflight(EDITOR))
		expect(response.status).toBe(204)
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe(EDITOR)
		expect(response.headers.get('Access-Control-Allow-Methods')).toMatch(/PUT/)
		expect(response.headers.get('Access-Control-Allow-Methods')).toMatch(/DELETE/)
		expect(response.headers.get('Access-Control-Allow-Headers')).toBe('Authorization, Content-Type')
		expect(Number(response.headers.get('Access-Control-Max-Age'))).toBeGreaterThan(0)
		expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull()
		expect(response.headers.get('Vary')).toContain('Origin')
	})
	test('refuses a disallowed origin or a missing one without any CORS header', () => {
		for (const origin of [EVIL, null]) {
			const response = corsPreflight(preflight(origin))
			expect(response.status).toBe(403)
			expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
		}
	})
	test('refuses a method or a header we do not allow', () => {
		expect(corsPreflight(preflight(EDITOR, 'PATCH')).status).toBe(403)
		expect(corsPreflight(preflight(EDITOR, 'POST', 'authorization, x-custom')).status).toBe(403)
		expect(corsPreflight(preflight(EDITOR, 'POST', '')).status).toBe(204)
	})
})

describe('corsHeaders', () => {
	test('reads the allow-list passed in, else the environment', () => {
		expect(corsHeaders(EVIL, [EVIL])['Access-Control-Allow-Origin']).toBe(EVIL)
		expect(corsHeaders(EVIL)['Access-Control-Allow-Origin']).toBeUndefined()
	})
})
