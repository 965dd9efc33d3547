import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loader } from '#app/routes/preview.avatars.$key.ts'
import { AVATAR_FILES, type AvatarKey } from '#app/utils/scene-avatars.ts'
import { avatarImage, standInPortraitSvg } from './scene-avatars.server.ts'

let directory = ''
const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

beforeAll(async () => {
	directory = await mkdtemp(path.join(os.tmpdir(), 'bazaar-avatars-'))
	await writeFile(path.join(directory, 'irish guy.png'), PNG_BYTES)
})
afterAll(async () => {
	await rm(directory, { recursive: true, force: true })
})

describe('avatar portraits', () => {
	test('without a directory, a stand-in SVG for every key, the same each time and different per key', async () => {
		const pictures = new Set<string>()
		for (const key of Object.keys(AVATAR_FILES) as AvatarKey[]) {
			const image = await avatarImage(key, undefined)
			expect(image).toMatchObject({ contentType: 'image/svg+xml', generated: true })
			expect(image.body).toBe(standInPortraitSvg(key))
			expect(image.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 512 512"/)
			expect(image.body).not.toMatch(/<script|href=/)
			pictures.add(image.body as string)
		}
		expect(pictures.size).toBe(Object.keys(AVATAR_FILES).length)
	})

	test('with BAZAAR_AVATARS_DIR, the file of the editor\'s name; a stand-in for one the directory lacks', async () => {
		const irish = await avatarImage('irish-guy', directory)
		expect(irish).toMatchObject({ contentType: 'image/png', generated: false })
		expect(Buffer.from(irish.body as Uint8Array).equals(PNG_BYTES)).toBe(true)
		expect(await avatarImage('wise-ceo', directory)).toMatchObject({ contentType: 'image/svg+xml', generated: true })
	})

	test('GET /preview/avatars/:key answers the picture, and 404 naming the keys for an unknown one', async () => {
		const found = await loader({ request: new Request('http://localhost/preview/avatars/hottie'), params: { key: 'hottie' }, context: {} })
		expect(found.status).toBe(200)
		expect(found.headers.get('content-type')).toBe('image/svg+xml')
		expect(found.headers.get('content-security-policy')).toContain('sandbox')
		const unknown = await loader({ request: new Request('http://localhost/preview/avatars/nobody'), params: { key: 'nobody' }, context: {} })
		expect(unknown.status).toBe(404)
		expect((await unknown.json()).error.message).toContain('asian-woman')
	})
})
