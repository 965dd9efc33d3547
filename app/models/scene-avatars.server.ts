/**
 * The portraits behind `window.BazaarAvatars` (`GET /preview/avatars/:key`).
 * With `BAZAAR_AVATARS_DIR` set, the file of the editor's name for that key
 * from that directory (PNG, JPEG, WebP or SVG by extension); without it, or
 * when the file is absent, a stand-in portrait we draw here as SVG: a head and
 * shoulders in colours derived from the key, so scenes lay out as they would
 * with the real pictures.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { AVATAR_FILES, type AvatarKey } from '#app/utils/scene-avatars.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { sha256Hex } from '#app/utils/ids.ts'

const CONTENT_TYPES: Record<string, string> = {
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.svg': 'image/svg+xml',
}

export interface AvatarImage {
	body: Uint8Array<ArrayBuffer> | string
	contentType: string
	/** Whether it is the stand-in portrait rather than a file from BAZAAR_AVATARS_DIR. */
	generated: boolean
}

const SKIN_TONES = ['#f1c7a5', '#e0ac85', '#c68a62', '#a26a45', '#7a4b2f', '#5b3825']
const HAIR_COLOURS = ['#1f1a17', '#3b2a1e', '#6b4423', '#a0652f', '#d8b26e', '#8c8c8c']
const BACKGROUNDS = ['#c7d2fe', '#bbf7d0', '#fde68a', '#fecaca', '#bae6fd', '#e9d5ff', '#fed7aa']
const SHIRTS = ['#1e3a8a', '#065f46', '#7c2d12', '#4c1d95', '#0f172a', '#9d174d', '#334155']
const LONG_HAIR = /woman|girl|princess|hottie/

/** A head-and-shoulders stand-in for this key (same key, same picture). */
export function standInPortraitSvg(key: AvatarKey) {
	const digest = sha256Hex(`avatar:${key}`)
	const pick = <T,>(list: T[], offset: number) => list[Number.parseInt(digest.slice(offset, offset + 2), 16) % list.length]!
	const skin = pick(SKIN_TONES, 0)
	const hair = pick(HAIR_COLOURS, 2)
	const background = pick(BACKGROUNDS, 4)
	const shirt = pick(SHIRTS, 6)
	const longHair = LONG_HAIR.test(key)
	const backHair = longHair ? `<path d="M138 250c-10-90 20-150 118-150s128 60 118 150l10 120H128z" fill="${hair}"/>` : ''
	const frontHair = longHair
		? `<path d="M158 214c4-62 42-92 98-92s94 30 98 92c-30-30-70-44-98-46-28 2-68 16-98 46z" fill="${hair}"/>`
		: `<path d="M162 210c-2-58 36-92 94-92s96 34 94 92c-18-26-52-40-94-40s-76 14-94 40z" fill="${hair}"/>`
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512" role="img" aria-label="${key} (stand-in portrait)">
<rect width="512" height="512" fill="${background}"/>
${backHair}
<path d="M76 512c10-100 84-156 180-156s170 56 180 156z" fill="${shirt}"/>
<rect x="222" y="300" width="68" height="70" rx="30" fill="${skin}"/>
<ellipse cx="256" cy="236" rx="96" ry="112" fill="${skin}"/>
${frontHair}
<circle cx="222" cy="240" r="9" fill="#1f2937"/><circle cx="290" cy="240" r="9" fill="#1f2937"/>
<path d="M220 292c20 18 52 18 72 0" fill="none" stroke="#7f1d1d" stroke-width="8" stroke-linecap="round"/>
</svg>
`
}

/** The portrait for a key: the configured directory's file when there is one, else the stand-in. */
export async function avatarImage(key: AvatarKey, directory: string | undefined = getEnv().BAZAAR_AVATARS_DIR): Promise<AvatarImage> {
	if (directory) {
		const file = AVATAR_FILES[key]
		const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()]
		if (contentType) {
			const body = await readFile(path.join(directory, file)).catch(() => null)
			if (body) return { body: new Uint8Array(body), contentType, generated: false }
		}
	}
	return { body: standInPortraitSvg(key), contentType: 'image/svg+xml', generated: true }
}
