/**
 * The rules of a creator profile, without the database: what a handle may be,
 * how one is derived from a name, and the form schema of `/me/profile`
 * (`handle`, `bio`, `links`: one URL a line). Everything is plain text;
 * links are `https` only, so nothing a creator writes can run on a page.
 */
import { z } from 'zod'
import { BIO_MAX_LENGTH, HANDLE_MAX_LENGTH, HANDLE_MIN_LENGTH, LINK_MAX_LENGTH, MAX_LINKS } from './creator-profile-limits.ts'

/**
 * Handles that would read as the site speaking (or collide with its paths,
 * should profiles ever move to the root). Derived handles avoid them too.
 */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
	'about', 'account', 'admin', 'administrator', 'api', 'app', 'assets', 'auth', 'bazaar', 'bazaar-team', 'blog',
	'build', 'community', 'contact', 'creator', 'creators', 'dashboard', 'docs', 'edit', 'everyone', 'favicon',
	'favorites', 'gallery', 'healthz', 'help', 'home', 'login', 'logout', 'me', 'moderator', 'moderators',
	'new', 'null', 'oembed', 'official', 'posters', 'preview', 'privacy', 'profile', 'publish', 'report',
	'robots', 'root', 'search', 'security', 'settings', 'signin', 'signup', 'sitemap', 'staff', 'static',
	'support', 'system', 'team', 'templates', 'terms', 'undefined', 'widget', 'www',
])

const HANDLE_CHARACTERS = /^[a-z0-9-]+$/
const HANDLE_ENDS = /^[a-z0-9](.*[a-z0-9])?$/

export function isReservedHandle(handle: string) {
	return RESERVED_HANDLES.has(handle.toLowerCase())
}

/** A handle as typed: trimmed and lower-cased (handles are unique without regard to case), then checked. */
export const HandleSchema = z
	.string({ error: 'Choose a handle' })
	.transform((value) => value.trim().toLowerCase())
	.pipe(
		z
			.string()
			.min(HANDLE_MIN_LENGTH, `A handle has at least ${HANDLE_MIN_LENGTH} characters`)
			.max(HANDLE_MAX_LENGTH, `A handle has at most ${HANDLE_MAX_LENGTH} characters`)
			.regex(HANDLE_CHARACTERS, 'Use only lower-case letters a–z, digits and dashes')
			.regex(HANDLE_ENDS, 'Start and end the handle with a letter or a digit')
			.refine((handle) => !isReservedHandle(handle), 'This handle is reserved; choose another'),
	)

/** The bio: plain text, line breaks kept (Windows ones folded), trimmed. */
export const BioSchema = z
	.string()
	.optional()
	.transform((value) => (value ?? '').replace(/\r\n?/g, '\n').trim())
	.pipe(z.string().max(BIO_MAX_LENGTH, `The bio can have at most ${BIO_MAX_LENGTH} characters`))

/**
 * Links: one a line, blank lines ignored, at most three, each an absolute
 * `https` address without credentials. A refused line is named by its number;
 * the stored form is the parsed URL (`new URL(…).href`).
 */
export const LinksSchema = z
	.string()
	.optional()
	.transform((value, context) => {
		const lines = (value ?? '').split(/\r\n|\r|\n/)
		const links: string[] = []
		lines.forEach((raw, index) => {
			const line = raw.trim()
			if (!line) return
			const where = `Line ${index + 1}`
			if (line.length > LINK_MAX_LENGTH) {
				context.addIssue({ code: 'custom', message: `${where}: a link can have at most ${LINK_MAX_LENGTH} characters` })
				return
			}
			let url: URL
			try {
				url = new URL(line)
			} catch {
				context.addIssue({ code: 'custom', message: `${where}: not a web address (write it as https://…)` })
				return
			}
			if (url.protocol !== 'https:') {
				context.addIssue({ code: 'custom', message: `${where}: only https:// links are allowed (not ${url.protocol})` })
				return
			}
			if (url.username || url.password) {
				context.addIssue({ code: 'custom', message: `${where}: a link cannot carry a user name or password` })
				return
			}
			if (!url.hostname.includes('.')) {
				context.addIssue({ code: 'custom', message: `${where}: not a public web address` })
				return
			}
			links.push(url.href)
		})
		if (links.length > MAX_LINKS) context.addIssue({ code: 'custom', message: `At most ${MAX_LINKS} links` })
		return [...new Set(links)]
	})

/** True for an absolute https address (what a stored link must be). */
export function isHttpsLink(value: unknown): value is string {
	if (typeof value !== 'string') return false
	try {
		return new URL(value).protocol === 'https:'
	} catch {
		return false
	}
}

export const CreatorProfileSchema = z.object({ handle: HandleSchema, bio: BioSchema, links: LinksSchema })
export type CreatorProfileInput = z.output<typeof CreatorProfileSchema>

/** The profile fields as the HTML form posts them. */
export function creatorProfileFromForm(form: FormData) {
	const text = (name: string) => {
		const value = form.get(name)
		return typeof value === 'string' ? value : undefined
	}
	return { handle: text('handle') ?? '', bio: text('bio'), links: text('links') }
}

/** What the user typed, to put back beside the errors (a pasted megabyte is not echoed whole). */
export function submittedProfileDefaults(raw: ReturnType<typeof creatorProfileFromForm>) {
	return {
		handle: raw.handle.slice(0, HANDLE_MAX_LENGTH * 4),
		bio: raw.bio?.slice(0, BIO_MAX_LENGTH * 2) ?? '',
		links: raw.links?.slice(0, (LINK_MAX_LENGTH + 1) * (MAX_LINKS + 2)) ?? '',
	}
}

/**
 * The readable base of a derived handle: the name in lower-case ASCII, words
 * joined by dashes, short enough to take a `-N` suffix. Too short a name (or
 * one with no Latin letters or digits) becomes `creator`.
 */
export function handleBaseFromName(name: string | null | undefined) {
	const base = (name ?? '')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, HANDLE_MAX_LENGTH - 4)
		.replace(/-+$/g, '')
	return base.length >= HANDLE_MIN_LENGTH ? base : 'creator'
}

/** The first of `base`, `base-2`, `base-3`… that is neither taken nor reserved. */
export function firstFreeHandle(base: string, taken: ReadonlySet<string>) {
	const free = (candidate: string) => !taken.has(candidate) && !isReservedHandle(candidate)
	if (free(base)) return base
	for (let n = 2; ; n++) if (free(`${base}-${n}`)) return `${base}-${n}`
}
