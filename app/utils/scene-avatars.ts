/**
 * `window.BazaarAvatars`: the editor's avatar keys, each mapped to a portrait
 * on our own origin (`/preview/avatars/<key>`). The server answers with the
 * file of the same name from `BAZAAR_AVATARS_DIR` when that directory is set
 * and has it (the editor's file names, e.g. `irish guy.png`), and otherwise
 * with a generated stand-in portrait (SVG). See docs/scene-runtime.md.
 */

/** Canonical key → the file name the editor stores that portrait under. */
export const AVATAR_FILES = {
	'asian-woman': 'asian-woman.png',
	'black-man': 'black-man.png',
	'hispanic-man': 'hispanic-man.png',
	'middle-eastern-man': 'middle-eastern-man.png',
	'white-woman': 'white-woman.png',
	jackatar: 'Jackatar.png',
	markatar: 'Markatar.png',
	downie: 'downie.png',
	hotrussian: 'hotrussian.png',
	hottie: 'hottie.png',
	'irish-guy': 'irish guy.png',
	'nigerian-princess': 'nigerian princess.png',
	'norway-girl': 'norway girl.png',
	'wise-ceo': 'wise-ceo.png',
} as const

export type AvatarKey = keyof typeof AVATAR_FILES

/** The editor also answers to these spellings. */
export const AVATAR_ALIASES: Record<string, AvatarKey> = { Jackatar: 'jackatar', Markatar: 'markatar' }

export const AVATAR_BASE_PATH = '/preview/avatars'

export function isAvatarKey(key: string): key is AvatarKey {
	return Object.hasOwn(AVATAR_FILES, key)
}

export function avatarUrl(key: AvatarKey) {
	return `${AVATAR_BASE_PATH}/${key}`
}

/** The map scenes read as `window.BazaarAvatars` (canonical keys and aliases). */
export function bazaarAvatarsMap(): Record<string, string> {
	const map: Record<string, string> = {}
	for (const key of Object.keys(AVATAR_FILES) as AvatarKey[]) map[key] = avatarUrl(key)
	for (const [alias, key] of Object.entries(AVATAR_ALIASES)) map[alias] = avatarUrl(key)
	return map
}
