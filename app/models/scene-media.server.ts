/**
 * Remote media in published scenes. A scene may show an image, video or audio
 * file by absolute URL; the preview may not reach other origins, so the file
 * is fetched once when the template is published (or its scenes updated),
 * stored content-addressed in `community_media_files`, and recorded against
 * the scene's code hash in `community_scene_media`. The preview document
 * carries the URL → `/media/<sha256>` map and the runtime swaps each URL for
 * our copy as the scene renders; the stored TSX is never rewritten.
 * See docs/scene-media.md.
 */
import { eq, sql } from 'drizzle-orm'
import { parse } from 'sucrase/dist/parser/index.js'
import { TokenType } from 'sucrase/dist/parser/tokenizer/types.js'
import { type Database, db } from '#app/db/client.server.ts'
import { communityMediaFiles, communitySceneMedia } from '#app/db/schema.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { sha256Hex } from '#app/utils/ids.ts'
import { MediaFetchError, type MediaFetchOptions, fetchRemoteMedia } from '#app/utils/media-fetch.server.ts'

export function mediaFileUrl(sha256: string) {
	return `/media/${sha256}`
}

const ABSOLUTE_URL = /https?:\/\/[^\s'"`()<>\\{}]+/g
const MEDIA_EXTENSION = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|mp4|webm|mov|m4v|ogv|mp3|wav|ogg|oga|m4a|aac|flac|opus)$/i
/** Names of the attribute, property or variable a URL is given to that say "this is media". */
const MEDIA_HOLDER = /src|image|img|photo|picture|pic|avatar|logo|poster|video|audio|sound|music|track|thumb|background|bg|media|cover|banner|portrait|headshot|still|clip/i
const VALUE_TOKENS = new Set([TokenType.string, TokenType.template, TokenType.backQuote, TokenType.comma, TokenType.bracketL, TokenType.braceL, TokenType.dollarBraceL, TokenType.parenL])

/**
 * The absolute http(s) URLs a scene shows as media, in source order, once each.
 * A URL in a string or template literal counts when its path ends like a media
 * file (`.png`, `.mp4`, `.mp3`…), when it sits in a CSS `url(…)`, or when it is
 * given to a name that says media (`src=`, `poster=`, `image:`,
 * `const heroPhoto =`, `avatars = [...]`). A link shown as text is left alone.
 */
export function mediaUrlsInScene(tsxCode: string): string[] {
	let tokens
	try {
		tokens = parse(tsxCode, true, true, false).tokens
	} catch {
		return []
	}
	const found: string[] = []
	tokens.forEach((token, index) => {
		if (token.type !== TokenType.string && token.type !== TokenType.template) return
		const literal = tsxCode.slice(token.start, token.end)
		for (const match of literal.matchAll(ABSOLUTE_URL)) {
			const url = match[0].replace(/[.,;]+$/, '')
			if (found.includes(url)) continue
			const inCssUrl = /url\(\s*['"]?$/.test(literal.slice(0, match.index))
			if (hasMediaExtension(url) || inCssUrl || MEDIA_HOLDER.test(holderName(tsxCode, tokens, index) ?? '')) found.push(url)
		}
	})
	return found
}

function hasMediaExtension(url: string) {
	try {
		return MEDIA_EXTENSION.test(new URL(url).pathname)
	} catch {
		return false
	}
}

/** The name a literal is assigned or passed to: `src` in `src="…"`, `photo` in `photo: "…"` or `const photo = ["…"]`. */
function holderName(code: string, tokens: ReturnType<typeof parse>['tokens'], index: number) {
	let cursor = index - 1
	while (cursor >= 0 && index - cursor < 200 && VALUE_TOKENS.has(tokens[cursor]!.type)) cursor--
	const link = tokens[cursor]
	if (!link || (link.type !== TokenType.eq && link.type !== TokenType.colon)) return undefined
	const holder = tokens[cursor - 1]
	if (!holder) return undefined
	if (holder.type === TokenType.name || holder.type === TokenType.jsxName || holder.type === TokenType.string) return code.slice(holder.start, holder.end)
	return undefined
}

export interface SceneForMedia {
	/** The scene's name as the creator sees it. */
	name: string
	tsxCode: string
}

export interface MediaCopyFailure {
	/** Index into the scenes passed in. */
	sceneIndex: number
	sceneName: string
	url: string
	message: string
}

export type CopySceneMediaResult = { ok: true; copiedUrls: number } | { ok: false; failures: MediaCopyFailure[] }

const PARALLEL_FETCHES = 4

/**
 * Copies every remote media file the given scenes show, and records each
 * URL → copy against the scene's code hash (replacing an earlier copy of the
 * same URL). Publishing calls it before it saves a template, and so does any
 * flow that replaces a template's scenes. All or nothing per URL: when a file
 * cannot be copied the result names the scene and the URL and says why, and
 * the caller must not save the scene.
 */
export async function copySceneMedia(
	scenesToCopy: SceneForMedia[],
	database: Database = db,
	fetchOptions: MediaFetchOptions = { allowPrivateAddresses: getEnv().MEDIA_FETCH_ALLOW_PRIVATE },
): Promise<CopySceneMediaResult> {
	const uses = scenesToCopy.flatMap((scene, sceneIndex) =>
		mediaUrlsInScene(scene.tsxCode).map((url) => ({ sceneIndex, sceneName: scene.name, url, codeHash: sha256Hex(scene.tsxCode) })),
	)
	const urls = [...new Set(uses.map((use) => use.url))]
	const outcomes = new Map<string, { sha256: string } | { error: string }>()
	let next = 0
	const worker = async () => {
		while (next < urls.length) {
			const url = urls[next++]!
			outcomes.set(url, await copyOne(url, database, fetchOptions))
		}
	}
	await Promise.all(Array.from({ length: Math.min(PARALLEL_FETCHES, urls.length) }, worker))

	const failures: MediaCopyFailure[] = []
	for (const use of uses) {
		const outcome = outcomes.get(use.url)!
		if ('error' in outcome) failures.push({ sceneIndex: use.sceneIndex, sceneName: use.sceneName, url: use.url, message: `Could not copy ${use.url}: ${outcome.error}` })
	}
	if (failures.length > 0) return { ok: false, failures }

	// Two scenes with the same code share their rows.
	const rows = [...new Map(uses.map((use) => [`${use.codeHash} ${use.url}`, use])).values()].map((use) => ({
		codeHash: use.codeHash,
		sourceUrl: use.url,
		mediaSha256: (outcomes.get(use.url) as { sha256: string }).sha256,
	}))
	if (rows.length > 0) {
		await database
			.insert(communitySceneMedia)
			.values(rows)
			.onConflictDoUpdate({
				target: [communitySceneMedia.codeHash, communitySceneMedia.sourceUrl],
				set: { mediaSha256: sql`excluded.media_sha256`, copiedAt: sql`now()` },
			})
	}
	return { ok: true, copiedUrls: urls.length }
}

async function copyOne(url: string, database: Database, fetchOptions: MediaFetchOptions): Promise<{ sha256: string } | { error: string }> {
	let fetched
	try {
		fetched = await fetchRemoteMedia(url, fetchOptions)
	} catch (error) {
		return { error: error instanceof MediaFetchError ? error.message : `the download failed (${error instanceof Error ? error.message : String(error)})` }
	}
	return { sha256: await storeMediaFile(fetched.bytes, fetched.contentType, database) }
}

/** Stores bytes content-addressed (once however often stored) and returns their SHA-256; served at `mediaFileUrl(sha256)`. */
export async function storeMediaFile(bytes: Uint8Array, contentType: string, database: Database = db) {
	const sha256 = sha256Hex(bytes)
	await database.insert(communityMediaFiles).values({ sha256, contentType, byteSize: bytes.length, bytes }).onConflictDoNothing()
	return sha256
}

/** URL → `/media/<sha256>` for the scene code with this hash; empty when it shows no remote media. */
export async function sceneMediaMap(codeHash: string, database: Database = db): Promise<Record<string, string>> {
	const rows = await database
		.select({ sourceUrl: communitySceneMedia.sourceUrl, mediaSha256: communitySceneMedia.mediaSha256 })
		.from(communitySceneMedia)
		.where(eq(communitySceneMedia.codeHash, codeHash))
	return Object.fromEntries(rows.map((row) => [row.sourceUrl, mediaFileUrl(row.mediaSha256)]))
}

/** One stored copy, for `GET /media/:sha256`. */
export async function findMediaFile(sha256: string, database: Database = db) {
	const [row] = await database
		.select({ contentType: communityMediaFiles.contentType, bytes: communityMediaFiles.bytes })
		.from(communityMediaFiles)
		.where(eq(communityMediaFiles.sha256, sha256))
		.limit(1)
	return row ?? null
}
