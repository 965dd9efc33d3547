/**
 * What a creator says about a template: title, description, category, tags,
 * formats and visibility. ONE schema, used by publishing (`/publish`) and by
 * editing (`/me/templates/:id`), so both normalize and limit the same way.
 * Plain text only: the site renders these escaped, never as HTML.
 */
import { z } from 'zod'
import { type NewCommunityTemplate } from '#app/db/schema.ts'
import { CATEGORY_SLUGS, FORMATS, TAG_MAX_LENGTH, VISIBILITIES } from '#app/vocabulary.ts'

// This module also runs in the browser (the metadata form), where the page's CSP
// forbids eval: zod must not probe for it (the caught probe is still reported as a
// CSP violation). docs/security.md.
if (typeof document !== 'undefined') z.config({ jitless: true })

export const TITLE_MAX_LENGTH = 120
export const DESCRIPTION_MAX_LENGTH = 5000
export const MAX_TAGS = 10
export const SLUG_BASE_MAX_LENGTH = 80
/** Random base62 characters in an unlisted template's slug (docs/architecture.md: it cannot be guessed). */
export const UNLISTED_SLUG_RANDOM_LENGTH = 12

// Control characters other than tab/newline never belong in plain text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** Collapses whitespace in a one-line text (title, tag). */
export function normalizeLine(value: string) {
	return value.replace(CONTROL_CHARACTERS, '').replace(/\s+/g, ' ').trim()
}

/** Keeps paragraphs (at most one blank line between them), trims each line's end. */
export function normalizeDescription(value: string) {
	return value
		.replace(/\r\n?/g, '\n')
		.replace(CONTROL_CHARACTERS, '')
		.split('\n')
		.map((line) => line.trimEnd())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim()
}

/** Lower case, trimmed, inner whitespace collapsed, duplicates and empties removed, first-seen order kept. */
export function normalizeTags(input: string | string[]) {
	const parts = (Array.isArray(input) ? input : input.split(',')).map((tag) => normalizeLine(tag).toLowerCase().replace(/^#+/, ''))
	return [...new Set(parts.filter(Boolean))]
}

export const TemplateTitleSchema = z
	.string({ error: 'Give your template a title' })
	.transform(normalizeLine)
	.pipe(
		z
			.string()
			.min(3, 'The title needs at least 3 characters')
			.max(TITLE_MAX_LENGTH, `The title can have at most ${TITLE_MAX_LENGTH} characters`),
	)

/** A version's note says what changed (docs/creators.md): plain text, paragraphs kept, at most this many characters. */
export const VERSION_NOTE_MAX_LENGTH = 280

export const TemplateVersionNoteSchema = z
	.string()
	.optional()
	.transform((value) => normalizeDescription(value ?? ''))
	.pipe(z.string().max(VERSION_NOTE_MAX_LENGTH, `The note can have at most ${VERSION_NOTE_MAX_LENGTH} characters`))

export const TemplateDescriptionSchema = z
	.string()
	.optional()
	.transform((value) => normalizeDescription(value ?? ''))
	.pipe(
		z
			.string()
			.max(
				DESCRIPTION_MAX_LENGTH,
				`The description can have at most ${DESCRIPTION_MAX_LENGTH.toLocaleString('en-US')} characters`,
			),
	)

export const TemplateTagsSchema = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((value) => normalizeTags(value ?? []))
	.pipe(
		z
			.array(z.string().max(TAG_MAX_LENGTH, `Each tag can have at most ${TAG_MAX_LENGTH} characters`))
			.max(MAX_TAGS, `At most ${MAX_TAGS} tags`),
	)

export const TemplateMetadataSchema = z.object({
	title: TemplateTitleSchema,
	description: TemplateDescriptionSchema,
	category: z.enum(CATEGORY_SLUGS, { error: 'Choose a category from the list' }),
	tags: TemplateTagsSchema,
	formats: z
		.array(z.enum(FORMATS, { error: 'Unknown format' }))
		.min(1, 'Choose at least one format')
		.transform((formats) => FORMATS.filter((format) => formats.includes(format))),
	visibility: z.enum(VISIBILITIES, { error: 'Choose public or unlisted' }),
})
export type TemplateMetadata = z.output<typeof TemplateMetadataSchema>

/** The metadata fields as the HTML forms post them (`formats` repeated, `tags` comma-separated). */
export function templateMetadataFromForm(form: FormData) {
	const text = (name: string) => {
		const value = form.get(name)
		return typeof value === 'string' ? value : undefined
	}
	return {
		title: text('title'),
		description: text('description'),
		category: text('category') || undefined,
		tags: text('tags'),
		formats: form.getAll('formats').filter((value): value is string => typeof value === 'string'),
		visibility: text('visibility'),
	}
}

export type FieldErrors = Record<string, string[]>

/** Zod issues grouped by their top-level field, for showing errors next to each field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {}
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form')
		;(errors[field] ??= []).push(issue.message)
	}
	return errors
}

/** The readable part of a slug: lower-case ASCII letters and digits joined by dashes. */
export function slugBase(title: string) {
	const base = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, SLUG_BASE_MAX_LENGTH)
		.replace(/-+$/g, '')
	return base || 'template'
}

/** What the user typed, to put back in the form beside the errors (cut to a sane length: a 1 MB paste is not echoed). */
export function submittedMetadataDefaults(raw: ReturnType<typeof templateMetadataFromForm>) {
	const cut = (value: string | undefined, length: number) => value?.slice(0, length)
	return {
		title: cut(raw.title, TITLE_MAX_LENGTH * 2),
		description: cut(raw.description, DESCRIPTION_MAX_LENGTH + 500),
		category: raw.category,
		tags: cut(raw.tags, 1000),
		formats: raw.formats,
		visibility: raw.visibility,
	}
}

/** The `community_templates` columns that hold the metadata (the same for publishing and editing). */
export function metadataColumns(metadata: TemplateMetadata) {
	return {
		title: metadata.title,
		description: metadata.description || null,
		category: metadata.category,
		tags: metadata.tags,
		supportedFormats: metadata.formats,
		visibility: metadata.visibility,
	} satisfies Partial<NewCommunityTemplate>
}
