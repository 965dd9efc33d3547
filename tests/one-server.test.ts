/**
 * `npm run dev` and `npm start` run one server (server/index.ts): the TypeScript
 * source with Vite in development, the compiled entry on the built app in
 * production. Both run here as child processes on one seeded PostgreSQL
 * database and must give the same answers: pages with a CSP whose nonce every
 * script carries, CORS preflights, the cross-site 403, the 413 for an
 * oversized body. A refused body leaves a kept-alive connection usable: the
 * next request on the very same socket is answered.
 */
import http from 'node:http'
import net from 'node:net'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { createSeededDatabase, dropDatabase, ensureProductionBuild, startAppProcess } from '#tests/fixtures/app-process.mjs'
import { uniqueTestDatabaseName } from '#tests/setup/database-names.ts'

const MODES = ['development', 'production'] as const
type Mode = (typeof MODES)[number]
const WIDGET_ORIGIN = 'http://widget.example'
const SIGNING_SECRET = 'one-server-signing-secret'
const OVERSIZED = 300 * 1024

type App = Awaited<ReturnType<typeof startAppProcess>>
const databaseName = uniqueTestDatabaseName('bazaar_one_server')
const apps = {} as Record<Mode, App>
let template: { id: string; slug: string }
let token: string

async function freePort() {
	return new Promise<number>((resolve, reject) => {
		const probe = net.createServer()
		probe.once('error', reject)
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo
			probe.close(() => resolve(port))
		})
	})
}

beforeAll(async () => {
	ensureProductionBuild()
	const databaseUrl = await createSeededDatabase({ name: databaseName })
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
	const [row] = await sql<Array<{ id: string; slug: string }>>`
		select id, slug from "bazaar-vid_community_templates" where visibility = 'public' and status = 'active' order by slug limit 1`
	const [user] = await sql<Array<{ id: string }>>`select id from "bazaar-vid_user" order by id limit 1`
	await sql.end()
	template = row!
	token = await signBazaarToken({ sub: user!.id }, { secret: SIGNING_SECRET })
	const env = { DATABASE_URL: databaseUrl, WIDGET_ALLOWED_ORIGINS: WIDGET_ORIGIN, BAZAAR_SIGNING_SECRET: SIGNING_SECRET, RATE_LIMIT_MULTIPLIER: '1000' }
	for (const mode of MODES) apps[mode] = await startAppProcess({ port: await freePort(), env, mode, startTimeoutMs: 120_000 })
}, 300_000)

afterAll(async () => {
	const exits = await Promise.all(MODES.map((mode) => apps[mode]?.stop()))
	await dropDatabase({ name: databaseName })
	// SIGTERM: both modes drain and exit 0.
	for (const [index, exit] of exits.entries()) if (exit) expect(exit, apps[MODES[index]!].output()).toEqual({ code: 0, signal: null })
})

interface Answer {
	status: number
	headers: http.IncomingHttpHeaders
	body: string
	socket: net.Socket
}

/** One request through `agent` (keep-alive, one socket), body sent whole or in chunks without a Content-Length. */
function send(
	agent: http.Agent,
	port: number,
	{ method = 'GET', path, headers = {}, body, chunked = false }: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer; chunked?: boolean },
) {
	return new Promise<Answer>((resolve, reject) => {
		const request = http.request({ host: '127.0.0.1', port, method, path, agent, headers: { host: `localhost:${port}`, ...headers } }, (response) => {
			const chunks: Buffer[] = []
			response.on('data', (chunk: Buffer) => chunks.push(chunk))
			response.once('error', reject)
			response.once('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), socket: request.socket! }))
		})
		request.once('error', reject)
		if (body && chunked) {
			for (let offset = 0; offset < body.byteLength; offset += 16 * 1024) request.write(body.subarray(offset, offset + 16 * 1024))
			request.end()
		} else {
			if (body) request.setHeader('Content-Length', body.byteLength)
			request.end(body)
		}
	})
}

function sendOnce(port: number, options: Parameters<typeof send>[2]) {
	const agent = new http.Agent({ keepAlive: false })
	return send(agent, port, options).finally(() => agent.destroy())
}

function nonceOf(csp: string) {
	return /script-src [^;]*'nonce-([^']+)'/.exec(csp)?.[1] ?? null
}

/** What a mode answers to the requests both modes must answer alike (nonces replaced, as they differ per request). */
async function observe(mode: Mode) {
	const { port } = apps[mode]
	const page = await sendOnce(port, { path: `/t/${template.slug}`, headers: { accept: 'text/html' } })
	const csp = String(page.headers['content-security-policy'] ?? '')
	const nonce = nonceOf(csp)
	const scripts = [...page.body.matchAll(/<script\b([^>]*)>/gi)].map(([, attributes]) => attributes!)
	const executable = scripts.filter((attributes) => !/type="application\/ld\+json"/.test(attributes))
	const secondNonce = nonceOf(String((await sendOnce(port, { path: '/', headers: { accept: 'text/html' } })).headers['content-security-policy'] ?? ''))

	const preflight = await sendOnce(port, {
		method: 'OPTIONS',
		path: '/api/v1/templates',
		headers: { origin: WIDGET_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
	})
	const refusedPreflight = await sendOnce(port, { method: 'OPTIONS', path: '/api/v1/templates', headers: { origin: 'http://elsewhere.example', 'access-control-request-method': 'GET' } })
	const crossOriginRead = await sendOnce(port, { path: '/api/v1/templates?limit=1', headers: { origin: WIDGET_ORIGIN } })
	const crossSite = await sendOnce(port, {
		method: 'POST',
		path: `/t/${template.slug}`,
		headers: { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
		body: Buffer.from('intent=favorite'),
	})
	const tooLarge = await sendOnce(port, { method: 'POST', path: '/api/v1/events', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(OVERSIZED, 'a') })
	// The server answers event batches itself (server/events-intake.ts): with the same CORS and security headers.
	const beacon = { origin: WIDGET_ORIGIN, 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36' }
	const eventsBody = () => Buffer.from(JSON.stringify({ events: [{ templateId: template.id, type: 'view' }] }))
	const events = await sendOnce(port, { method: 'POST', path: '/api/v1/events', headers: beacon, body: eventsBody() })
	const eventsBadToken = await sendOnce(port, { method: 'POST', path: '/api/v1/events', headers: { ...beacon, authorization: 'Bearer not-a-token' }, body: eventsBody() })
	const eventHeaders = ['access-control-allow-origin', 'access-control-expose-headers', 'vary', 'x-content-type-options', 'cache-control', 'content-type']
	const pick = (headers: http.IncomingHttpHeaders, names: string[]) => Object.fromEntries(names.map((name) => [name, headers[name] ?? null]))
	return {
		page: {
			status: page.status,
			csp: csp.replaceAll(nonce ?? '\u0000', 'NONCE'),
			nonceLooksRandom: /^[A-Za-z0-9+/]{22}==$/.test(nonce ?? ''),
			everyScriptCarriesTheNonce: executable.length > 0 && executable.every((attributes) => attributes.includes(`nonce="${nonce}"`)),
			freshNonceEachTime: secondNonce !== null && secondNonce !== nonce,
			...pick(page.headers, ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'permissions-policy']),
		},
		preflight: { status: preflight.status, ...pick(preflight.headers, ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-max-age', 'vary']) },
		refusedPreflight: { status: refusedPreflight.status, allowOrigin: refusedPreflight.headers['access-control-allow-origin'] ?? null },
		crossOriginRead: { status: crossOriginRead.status, ...pick(crossOriginRead.headers, ['access-control-allow-origin', 'access-control-expose-headers']) },
		crossSite: { status: crossSite.status, body: crossSite.body },
		tooLarge: { status: tooLarge.status, contentType: tooLarge.headers['content-type'], body: JSON.parse(tooLarge.body) as unknown },
		events: { status: events.status, body: JSON.parse(events.body) as unknown, ...pick(events.headers, eventHeaders) },
		eventsBadToken: { status: eventsBadToken.status, ...pick(eventsBadToken.headers, eventHeaders) },
	}
}

test('development and production give the same answers', async () => {
	const [development, production] = [await observe('development'), await observe('production')]
	expect(development).toEqual(production)
	// And they are the right answers (two equally wrong servers would pass the line above).
	expect(production).toMatchObject({
		page: { status: 200, nonceLooksRandom: true, everyScriptCarriesTheNonce: true, freshNonceEachTime: true, 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' },
		preflight: { status: 204, 'access-control-allow-origin': WIDGET_ORIGIN, 'access-control-allow-headers': 'Authorization, Content-Type' },
		refusedPreflight: { status: 403, allowOrigin: null },
		crossOriginRead: { status: 200, 'access-control-allow-origin': WIDGET_ORIGIN },
		crossSite: { status: 403, body: 'Cross-site requests cannot change anything here. Use the form on this site.' },
		tooLarge: { status: 413, contentType: expect.stringMatching(/^application\/json/), body: { error: { code: 'payload_too_large' } } },
		events: {
			status: 202,
			body: { accepted: 1, duplicates: 0, ignored: 0, rejected: [] },
			'access-control-allow-origin': WIDGET_ORIGIN,
			'access-control-expose-headers': 'Retry-After',
			vary: 'Origin',
			'x-content-type-options': 'nosniff',
			'cache-control': 'no-store',
			'content-type': 'application/json',
		},
		eventsBadToken: { status: 401, 'access-control-allow-origin': WIDGET_ORIGIN, 'x-content-type-options': 'nosniff' },
	})
	expect(production.page.csp).toContain("script-src 'self' 'nonce-NONCE'")
})

describe.each(MODES)('%s: a refused body leaves the kept-alive connection usable', (mode) => {
	const oversized = Buffer.alloc(OVERSIZED, 'x')
	const bearer = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' })
	const cases = [
		{ name: 'POST /api/v1/events, Content-Length 300 KB', method: 'POST', path: () => '/api/v1/events', headers: () => ({ 'content-type': 'application/json' }), chunked: false },
		{ name: 'POST /api/v1/events, 300 KB chunked', method: 'POST', path: () => '/api/v1/events', headers: () => ({ 'content-type': 'application/json' }), chunked: true },
		{ name: 'PUT favorite, Content-Length 300 KB', method: 'PUT', path: () => `/api/v1/templates/${template.id}/favorite`, headers: bearer, chunked: false },
		{ name: 'PUT favorite, 300 KB chunked', method: 'PUT', path: () => `/api/v1/templates/${template.id}/favorite`, headers: bearer, chunked: true },
		{ name: 'POST use, Content-Length 300 KB', method: 'POST', path: () => `/api/v1/templates/${template.id}/use`, headers: bearer, chunked: false },
		{ name: 'POST use, 300 KB chunked', method: 'POST', path: () => `/api/v1/templates/${template.id}/use`, headers: bearer, chunked: true },
	]

	test.each(cases)('$name: 413 JSON, then the next request on the same socket is answered', async ({ method, path, headers, chunked }) => {
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
		try {
			const { port } = apps[mode]
			const refused = await send(agent, port, { method, path: path(), headers: headers(), body: oversized, chunked })
			expect(refused.status, refused.body).toBe(413)
			expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'payload_too_large', message: expect.any(String) } })
			expect(refused.headers.connection).not.toBe('close')

			const next = await send(agent, port, { path: `/api/v1/templates/${template.id}` })
			expect(next.status).toBe(200)
			expect(JSON.parse(next.body)).toMatchObject({ id: template.id, slug: template.slug })
			expect(next.socket).toBe(refused.socket)
		} finally {
			agent.destroy()
		}
	})
})
