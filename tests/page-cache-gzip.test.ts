/**
 * A cached page compressed by parts (server/page-cache.ts `gzipBody`, decision
 * 009) inflates, checksum and length checked, to the page with the answer's
 * nonce, and compresses about as well as the whole page does.
 */
import crypto from 'node:crypto'
import zlib from 'node:zlib'
import { describe, expect, test } from 'vitest'
import type { StoredPage } from '#app/utils/page-cache.server.ts'
import { gzipBody } from '../server/page-cache.ts'

function storedPage(bodyParts: string[]): StoredPage {
	return { status: 200, headers: [], bodyParts: bodyParts.map((part) => Buffer.from(part)), storedAt: 0, expiresAt: 1, staleUntil: 2 }
}

const card = (index: number) => `<article class="template-card"><h2><a href="/t/template-${index}">Template number ${index}</a></h2><p>by Maya Chen · ${index % 7} scenes</p></article>`
const markup = Array.from({ length: 40 }, (_, index) => card(index)).join('')
const data = JSON.stringify(Array.from({ length: 40 }, (_, index) => ({ slug: `template-${index}`, title: `Template number ${index}`, creatorName: 'Maya Chen' })))

describe('gzip by parts', () => {
	test('inflates to the page with each answer its own nonce, and is within a tenth of compressing the whole page', () => {
		const page = storedPage([`<html><body>${markup}<script nonce="`, `">restore()</script><script nonce="`, `">load(${data})</script></body></html>`])
		for (let answer = 0; answer < 3; answer++) {
			const nonce = Buffer.from(crypto.randomBytes(16).toString('base64'))
			const whole = Buffer.concat(page.bodyParts.flatMap((part, index) => (index > 0 ? [nonce, part] : [part])))
			const compressed = Buffer.concat(gzipBody(page, nonce))
			expect(zlib.gunzipSync(compressed).equals(whole)).toBe(true)
			expect(compressed.byteLength).toBeLessThan(zlib.gzipSync(whole).byteLength * 1.1)
		}
	})

	test('a page with NUL bytes of its own still inflates exactly', () => {
		const page = storedPage([`a\u0000b${markup}`, `\u0000${markup}\u0000`, 'end'])
		const nonce = Buffer.from(crypto.randomBytes(16).toString('base64'))
		const whole = Buffer.concat([page.bodyParts[0]!, nonce, page.bodyParts[1]!, nonce, page.bodyParts[2]!])
		expect(zlib.gunzipSync(Buffer.concat(gzipBody(page, nonce))).equals(whole)).toBe(true)
	})

	test('a nonce of another length than the parts were made for still inflates exactly', () => {
		const page = storedPage([markup, data])
		gzipBody(page, Buffer.alloc(24, 'a'))
		const nonce = Buffer.from('short')
		expect(zlib.gunzipSync(Buffer.concat(gzipBody(page, nonce))).equals(Buffer.concat([page.bodyParts[0]!, nonce, page.bodyParts[1]!]))).toBe(true)
	})
})
