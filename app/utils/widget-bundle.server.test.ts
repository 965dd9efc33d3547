import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { widgetBundleResponse } from '#app/utils/widget-bundle.server.ts'

const directory = mkdtempSync(path.join(tmpdir(), 'widget-bundle-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

function writeBuild(hash: string, code: string) {
	mkdirSync(directory, { recursive: true })
	const file = `bazaar-community.${hash}.js`
	writeFileSync(path.join(directory, file), code)
	writeFileSync(path.join(directory, 'bazaar-community.js'), code)
	const manifestPath = path.join(directory, 'manifest.json')
	writeFileSync(manifestPath, JSON.stringify({ file, hash, integrity: 'sha384-x', bytes: code.length }))
	// A new build must be noticed even within the same millisecond.
	const later = new Date(Date.now() + Math.random() * 100_000)
	utimesSync(manifestPath, later, later)
}

const request = (headers: HeadersInit = {}) => new Request('http://localhost/widget/v1/x', { headers })

describe('widgetBundleResponse', () => {
	test('503 with a hint when the widget is not built', async () => {
		const response = widgetBundleResponse(request(), 'bazaar-community.js', path.join(directory, 'missing'))
		expect(response.status).toBe(503)
		expect(await response.text()).toMatch(/npm run build/)
	})

	test('the stable URL: short cache, ETag, any origin may load it as a module', async () => {
		writeBuild('aaaaaaaaaaaa', 'export const v = 1\n')
		const response = widgetBundleResponse(request(), 'bazaar-community.js', directory)
		expect(response.status).toBe(200)
		expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/)
		expect(response.headers.get('Cache-Control')).toMatch(/max-age=300/)
		expect(response.headers.get('Cache-Control')).not.toMatch(/immutable/)
		expect(response.headers.get('ETag')).toBe('W/"aaaaaaaaaaaa"')
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
		expect(await response.text()).toBe('export const v = 1\n')
	})

	test('a matching If-None-Match gets 304; a new build gets the new bytes', async () => {
		writeBuild('aaaaaaaaaaaa', 'export const v = 1\n')
		expect(widgetBundleResponse(request({ 'If-None-Match': 'W/"aaaaaaaaaaaa"' }), 'bazaar-community.js', directory).status).toBe(304)
		writeBuild('bbbbbbbbbbbb', 'export const v = 2\n')
		const response = widgetBundleResponse(request({ 'If-None-Match': 'W/"aaaaaaaaaaaa"' }), 'bazaar-community.js', directory)
		expect(response.status).toBe(200)
		expect(await response.text()).toBe('export const v = 2\n')
	})

	test('the hashed URL is immutable; an unknown hash is 404', () => {
		writeBuild('cccccccccccc', 'export const v = 3\n')
		const hashed = widgetBundleResponse(request(), 'bazaar-community.cccccccccccc.js', directory)
		expect(hashed.status).toBe(200)
		expect(hashed.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
		expect(widgetBundleResponse(request(), 'bazaar-community.aaaaaaaaaaaa.js', directory).status).toBe(404)
		expect(widgetBundleResponse(request(), '../manifest.json', directory).status).toBe(404)
	})
})
