/**
 * The page cache's front answers from the bare request, before Express
 * (server/page-cache.ts `pageCacheFront`), so it must name a page exactly as the
 * cache behind Express does: the same key from the same request, forwarded
 * headers counted only from a trusted proxy.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { normalizedUrl, pageKey, type ProxyTrust, requestOrigin } from '../server/page-cache.ts'

function keyServer(trustProxy: boolean | string) {
	const app = express()
	app.set('trust proxy', trustProxy)
	app.get('*', (req, res) => {
		res.json({ express: normalizedUrl(req), front: pageKey(requestOrigin(req, app.get('trust proxy fn') as ProxyTrust), req.url) })
	})
	return http.createServer(app)
}

function keysFor(server: http.Server, path: string, headers: Record<string, string>) {
	const { port } = server.address() as AddressInfo
	return new Promise<{ express: string; front: string }>((resolve, reject) => {
		http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (response) => {
			let body = ''
			response.on('data', (chunk) => (body += chunk))
			response.once('end', () => resolve(JSON.parse(body)))
		}).once('error', reject)
	})
}

const requests: Array<[string, Record<string, string>]> = [
	['/?sort=new&category=intros', { host: 'localhost:3000' }],
	['/?category=intros&sort=new&q=a%20b', { host: 'Community.Example.com' }],
	['/t/logo-animation?ref=gallery', { host: '[::1]:8080' }],
	['/', { host: 'localhost:3000', 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'Cached.Example.com:443' }],
	['/?b=2&a=1&a=0', { host: 'localhost', 'x-forwarded-proto': 'https' }],
]

describe.each([
	['no proxy trusted', false],
	['a trusted proxy', true],
	['a trusted loopback', 'loopback'],
])('with %s', (_name, trust) => {
	const server = keyServer(trust)
	beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)))
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

	test.each(requests)('%s is the same page for the front and for Express', async (path, headers) => {
		const keys = await keysFor(server, path, headers)
		expect(keys.front).toBe(keys.express)
		// Forwarded headers name the origin only when the proxy is trusted.
		expect(keys.front.startsWith('https://')).toBe(trust !== false && headers['x-forwarded-proto'] !== undefined)
	})
})
