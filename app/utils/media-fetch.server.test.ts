import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type MediaServer, solidPng, startMediaServer } from '#tests/fixtures/media-server.ts'
import { MEDIA_FETCH_MAX_BYTES, fetchRemoteMedia, isPublicAddress } from './media-fetch.server.ts'

let server: MediaServer
beforeAll(async () => {
	server = await startMediaServer()
})
afterAll(() => server.close())

const open = { allowPrivateAddresses: true }

describe('isPublicAddress', () => {
	test.each([
		['93.184.216.34', true],
		['2606:2800:220:1:248:1893:25c8:1946', true],
		['127.0.0.1', false],
		['10.1.2.3', false],
		['172.16.0.9', false],
		['192.168.1.1', false],
		['169.254.169.254', false],
		['100.64.0.1', false],
		['0.0.0.0', false],
		['::1', false],
		['fe80::1', false],
		['fd00::1', false],
		['::ffff:127.0.0.1', false],
		['::ffff:10.0.0.1', false],
		['224.0.0.1', false],
		['not an address', false],
	])('%s → %s', (address, expected) => {
		expect(isPublicAddress(address)).toBe(expected)
	})
})

describe('fetchRemoteMedia', () => {
	test('downloads an image, following redirects', async () => {
		const direct = await fetchRemoteMedia(`${server.origin}/img/logo.png`, open)
		expect(direct.contentType).toBe('image/png')
		expect(direct.bytes.subarray(1, 4).toString()).toBe('PNG')
		const target = `${server.origin}/img/logo.png`
		const redirected = await fetchRemoteMedia(`${server.origin}/redirect?to=${encodeURIComponent(`/redirect?to=${encodeURIComponent(target)}`)}`, open)
		expect(redirected.bytes.equals(direct.bytes)).toBe(true)
		expect(redirected.finalUrl).toBe(target)
	})

	test('refuses loopback addresses unless allowed, by literal and after DNS', async () => {
		const closed = { allowPrivateAddresses: false }
		await expect(fetchRemoteMedia(`${server.origin}/img/logo.png`, closed)).rejects.toThrow('its address 127.0.0.1 is private, loopback or link-local')
		const byName = server.origin.replace('127.0.0.1', 'localhost')
		await expect(fetchRemoteMedia(`${byName}/img/logo.png`, closed)).rejects.toThrow(/its address (127\.0\.0\.1|::1) is private, loopback or link-local/)
		expect(server.hits.get('/img/logo.png')).toBe(2)
	})

	test('checks the address again after every redirect', async () => {
		// Stand-in rule: 127.0.0.1 counts as public here, 127.0.0.2 as private.
		const rule = { allowPrivateAddresses: false, isAllowedAddress: (address: string) => address === '127.0.0.1' }
		const inside = `${server.origin.replace('127.0.0.1', '127.0.0.2')}/img/secret.png`
		await expect(fetchRemoteMedia(`${server.origin}/redirect?to=${encodeURIComponent(inside)}`, rule)).rejects.toThrow('its address 127.0.0.2 is private')
		expect(server.hits.get('/img/secret.png')).toBeUndefined()
	})

	test('only image, video and audio types', async () => {
		await expect(fetchRemoteMedia(`${server.origin}/page.html`, open)).rejects.toThrow('it is text/html, not an image, video or audio file')
		expect((await fetchRemoteMedia(`${server.origin}/video/clip.webm`, open)).contentType).toBe('video/webm')
		expect((await fetchRemoteMedia(`${server.origin}/audio/beat.wav`, open)).contentType).toBe('audio/wav')
	})

	test('at most 20 MB, by declared length and by bytes received', async () => {
		expect(MEDIA_FETCH_MAX_BYTES).toBe(20 * 1024 * 1024)
		await expect(fetchRemoteMedia(`${server.origin}/huge.png`, open)).rejects.toThrow('it is larger than 20 MB')
		const pngSize = solidPng(64, 64, [1, 2, 3]).length
		await expect(fetchRemoteMedia(`${server.origin}/img/logo.png`, { ...open, maxBytes: pngSize - 1 })).rejects.toThrow('larger than')
	})

	test('gives up after the time limit', async () => {
		await expect(fetchRemoteMedia(`${server.origin}/stall.png`, { ...open, timeoutMs: 300 })).rejects.toThrow('it did not download within 0.3 s')
	})

	test('says what else went wrong', async () => {
		await expect(fetchRemoteMedia(`${server.origin}/missing.png`, open)).rejects.toThrow('the server answered 404')
		await expect(fetchRemoteMedia('ftp://example.com/a.png', open)).rejects.toThrow('only http and https are fetched')
		await expect(fetchRemoteMedia('http://no-such-host.invalid/a.png', open)).rejects.toThrow('the name no-such-host.invalid does not resolve')
		await expect(fetchRemoteMedia(`${server.origin}/loop`, open)).rejects.toThrow('it redirects more than 5 times')
		expect(server.hits.get('/loop')).toBe(6)
	})
})
