/**
 * Property-based fuzzing of every action and API route (fast-check): hostile
 * bodies (wrong types, huge strings, unicode, nested junk, missing fields, SQL
 * and HTML fragments, broken JSON, wrong content types), hostile ids and slugs
 * in the path, hostile query strings. The whole app answers (entry.server,
 * error boundaries), signed in where the route needs it, with a Bearer token
 * on the API. No answer is a 5xx; a rejected request is a 4xx that says why;
 * and rejected requests leave every table exactly as it was.
 *
 * FUZZ_RUNS=500 npx vitest run tests/fuzz-routes.test.ts   # a longer run
 */
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '#app/db/client.server.ts'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { createProject, createTemplate, createUser, sessionCookieFor } from '#tests/fixtures/community-factories.ts'
import { type HostileBody, hostileBody, hostileForm, hostileQuery, hostileSegment } from '#tests/fixtures/hostile-input.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

// Fuzzing sends far more requests than a person would: limits must not hide a 5xx behind a 429.
process.env.RATE_LIMIT_MULTIPLIER = '100000'
const { db } = useTestDatabase({ seed: true })
const app = useAppRequestHandler()
const RUNS = Number(process.env.FUZZ_RUNS ?? 25)

let who: { user: string; admin: string; token: string; templateId: string; slug: string; ownTemplateId: string; reportable: string }
beforeAll(async () => {
	const user = await createUser()
	const admin = await createUser({ isAdmin: true })
	await createProject(user.id)
	const own = await createTemplate(user.id)
	const other = await createTemplate(admin.id)
	who = {
		user: await sessionCookieFor(user.id),
		admin: await sessionCookieFor(admin.id),
		token: await signBazaarToken({ sub: user.id }),
		templateId: other.id,
		slug: other.slug,
		ownTemplateId: own.id,
		reportable: other.slug,
	}
})

/** A checksum of every table's rows: equal before and after means nothing was written. */
async function databaseFingerprint() {
	const tables = await queryRows<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`, db)
	const sums: Record<string, string> = {}
	for (const { name } of tables) {
		const [row] = await queryRows<{ sum: string; count: number }>(sql.raw(`select count(*)::int as count, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${name}" t`), db)
		sums[name] = `${row!.count}:${row!.sum}`
	}
	return sums
}

/** What the client gets back, and whether it explains the refusal. */
async function expectRejectedWithMessage(response: Response, label: string) {
	const text = await response.text()
	expect(response.status, `${label} → ${response.status}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400)
	expect(response.status, `${label} → ${text.slice(0, 300)}`).toBeLessThan(500)
	const type = response.headers.get('Content-Type') ?? ''
	if (type.includes('json')) {
		const body = JSON.parse(text) as { error?: { code?: string; message?: string } }
		expect(body.error?.message, label).toEqual(expect.any(String))
		expect(body.error!.message!.length).toBeGreaterThan(0)
	} else if (type.includes('html')) {
		// The form again with its errors, or an error page that says why (not a bare "Something went wrong").
		expect(text, label).toMatch(/class="error-page"|role="alert"/)
		if (!text.includes('role="alert"')) expect(text, label).toMatch(/<h1 id="error-title">(Page not found|This request could not be handled)<\/h1>/)
	} else {
		expect(text.trim().length, label).toBeGreaterThan(0)
	}
}

async function expectNot5xx(response: Response, label: string) {
	const text = await response.text()
	expect(response.status, `${label} → ${response.status}: ${text.slice(0, 300)}`).toBeLessThan(500)
}

function send(path: string, method: string, { body, contentType, cookie, bearer, html = true }: Partial<HostileBody> & { cookie?: string; bearer?: string; html?: boolean } = {}) {
	const headers = new Headers()
	if (html) headers.set('Accept', 'text/html')
	if (contentType) headers.set('Content-Type', contentType)
	if (cookie) headers.set('Cookie', cookie)
	if (bearer) headers.set('Authorization', `Bearer ${bearer}`)
	return app.fetch(path, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : (body ?? '') })
}

/** Runs the property and checks that the database did not change across all its runs. */
async function fuzzRejected<T>(arbitrary: fc.Arbitrary<T>, run: (value: T) => Promise<Response>, label: (value: T) => string) {
	const before = await databaseFingerprint()
	await fc.assert(
		fc.asyncProperty(arbitrary, async (value) => {
			await expectRejectedWithMessage(await run(value), label(value))
		}),
		{ numRuns: RUNS },
	)
	expect(await databaseFingerprint()).toEqual(before)
}

const describeBody = (value: HostileBody) => `${value.contentType ?? '(no type)'} ${value.body.slice(0, 120)}`

describe('page actions: hostile forms are a 4xx with a message, the database untouched', () => {
	test('POST /t/:slug (favorite / unfavorite / use)', async () => {
		await fuzzRejected(hostileBody(['intent', 'returnTo', 'response']), (body) => send(`/t/${who.slug}`, 'POST', { ...body, cookie: who.user }), describeBody)
	})

	test('POST /t/:slug with a hostile slug and a valid intent', async () => {
		await fuzzRejected(hostileSegment, (slug) => send(`/t/${slug}`, 'POST', { contentType: 'application/x-www-form-urlencoded', body: 'intent=favorite', cookie: who.user }), (slug) => slug)
	})

	test('POST /t/:slug/report', async () => {
		await fuzzRejected(hostileBody(['reason', 'details']), (body) => send(`/t/${who.reportable}/report`, 'POST', { ...body, cookie: who.user }), describeBody)
	})

	test('POST /publish', async () => {
		const fields = ['projectId', 'sceneIds', 'title', 'description', 'category', 'tags', 'formats', 'visibility']
		await fuzzRejected(hostileBody(fields), (body) => send('/publish', 'POST', { ...body, cookie: who.user }), describeBody)
	})

	test('POST /me/templates/:id', async () => {
		const fields = ['title', 'description', 'category', 'tags', 'formats', 'visibility']
		await fuzzRejected(hostileBody(fields), (body) => send(`/me/templates/${who.ownTemplateId}`, 'POST', { ...body, cookie: who.user }), describeBody)
	})

	test('POST /me/templates/:id intent=update-scenes', async () => {
		const updateForms = hostileForm(['projectId', 'sceneIds', 'note']).map((pairs) => ({
			contentType: 'application/x-www-form-urlencoded',
			body: new URLSearchParams([['intent', 'update-scenes'], ...pairs]).toString(),
		}))
		await fuzzRejected(updateForms, (body) => send(`/me/templates/${who.ownTemplateId}`, 'POST', { ...body, cookie: who.user }), describeBody)
	})

	test('POST /me/templates/:id with a hostile id', async () => {
		await fuzzRejected(hostileSegment, (id) => send(`/me/templates/${id}`, 'POST', { contentType: 'application/x-www-form-urlencoded', body: 'title=Hello', cookie: who.user }), (id) => id)
	})

	test('POST /admin/templates', async () => {
		await fuzzRejected(hostileBody(['intent', 'templateId', 'reason']), (body) => send('/admin/templates', 'POST', { ...body, cookie: who.admin }), describeBody)
	})

	test('POST /login', async () => {
		await fuzzRejected(hostileBody(['email', 'returnTo']), (body) => send('/login', 'POST', body), describeBody)
	})
})

describe('the API: hostile requests are a 4xx JSON error with a message, the database untouched', () => {
	test('PUT/DELETE /api/v1/templates/:id/favorite with hostile ids and bodies', async () => {
		await fuzzRejected(
			fc.tuple(hostileSegment, fc.constantFrom('PUT', 'DELETE'), hostileBody(['x'])),
			([id, method, body]) => send(`/api/v1/templates/${id}/favorite`, method, { ...body, bearer: who.token, html: false }),
			([id, method]) => `${method} ${id}`,
		)
	})

	test('POST /api/v1/templates/:id/use with hostile bodies', async () => {
		await fuzzRejected(
			hostileBody(['mode', 'projectId', 'sceneIndexes', 'source']).filter((body) => body.body.trim() !== '' && body.body !== '{}'),
			(body) => send(`/api/v1/templates/${who.templateId}/use`, 'POST', { ...body, bearer: who.token, html: false }),
			describeBody,
		)
	})

	test('POST /api/v1/templates/:id/use with hostile ids', async () => {
		await fuzzRejected(hostileSegment, (id) => send(`/api/v1/templates/${id}/use`, 'POST', { contentType: 'application/json', body: '{}', bearer: who.token, html: false }), (id) => id)
	})

	test('POST /api/v1/events with hostile bodies', async () => {
		await fuzzRejected(hostileBody(['events', 'templateId', 'type']), (body) => send('/api/v1/events', 'POST', { ...body, bearer: who.token, html: false }), describeBody)
	})

	test('GET /api/v1/templates/:idOrSlug with hostile ids', async () => {
		await fuzzRejected(hostileSegment, (id) => send(`/api/v1/templates/${id}`, 'GET', { html: false }), (id) => id)
	})

	test('Bearer tokens that are not tokens', async () => {
		await fuzzRejected(
			fc.string({ minLength: 1, maxLength: 400 }).filter((token) => /^\S+$/.test(token) && /^[\x21-\x7e]+$/.test(token)),
			(token) => send(`/api/v1/templates/${who.templateId}/favorite`, 'PUT', { bearer: token, html: false }),
			(token) => token,
		)
	})
})

describe('reads with hostile query strings and paths never fail (they may ignore what they do not understand)', () => {
	const names = ['q', 'category', 'format', 'sort', 'tag', 'page', 'cursor', 'limit', 'returnTo', 'error', 'projectId', 'period', 'status', 'visibility', 'queue', 'autoplay', 'start']
	test.each([
		['/api/v1/templates', false, undefined],
		['/', true, undefined],
		['/login', true, undefined],
		['/t/logo-animation', true, undefined],
		['/publish', true, 'user'],
		['/admin/templates', true, 'admin'],
		['/auth/bazaar', false, undefined],
		['/sitemap.xml', false, undefined],
	] as const)('GET %s?…', async (path, html, signedIn) => {
		const before = await databaseFingerprint()
		await fc.assert(
			fc.asyncProperty(hostileQuery(names), async (query) => {
				const cookie = signedIn ? who[signedIn] : undefined
				await expectNot5xx(await send(`${path}?${query}`, 'GET', { html, cookie }), `${path}?${query.slice(0, 200)}`)
			}),
			{ numRuns: RUNS },
		)
		if (path !== '/t/logo-animation') expect(await databaseFingerprint()).toEqual(before)
	})

	test.each(['/t/', '/t/{}/report', '/me/templates/', '/preview/{}/0', '/preview/code/', '/widget/v1/', '/api/v1/templates/{}'])('GET %s with a hostile segment', async (pattern) => {
		await fc.assert(
			fc.asyncProperty(hostileSegment, async (segment) => {
				const path = pattern.includes('{}') ? pattern.replace('{}', segment) : `${pattern}${segment}`
				await expectNot5xx(await send(path, 'GET', { cookie: who.user }), path)
			}),
			{ numRuns: RUNS },
		)
	})
})
