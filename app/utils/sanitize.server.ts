/**
 * Descriptions are creator-written text that may hold paragraphs and links,
 * nothing else. Whatever was stored, what reaches a page is this sanitized
 * HTML: `<p>` and `<a href>` (http, https, mailto) with rel="nofollow ugc noopener".
 */
import sanitizeHtml from 'sanitize-html'

const LINK_REL = 'nofollow ugc noopener'

const OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: ['p', 'a'],
	// `rel` is allowed only because transformTags sets it (overriding whatever was written).
	allowedAttributes: { a: ['href', 'rel'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	transformTags: {
		a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
	},
	exclusiveFilter: (frame) => frame.tag === 'p' && !frame.text.trim() && !frame.mediaChildren.length,
}

function escapeText(text: string) {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Plain text becomes escaped paragraphs (split on blank lines); HTML (it has <p> or <a>) is filtered down to paragraphs and links. */
export function sanitizeDescription(description: string | null | undefined) {
	if (!description?.trim()) return ''
	const looksLikeHtml = /<(p|a)[\s>]/i.test(description)
	const html = looksLikeHtml
		? description
		: description
				.split(/\n\s*\n/)
				.map((paragraph) => `<p>${escapeText(paragraph.trim())}</p>`)
				.join('')
	return sanitizeHtml(html, OPTIONS)
}

/** The description as one line of plain text (meta descriptions, JSON-LD), at most `maxLength` characters. */
export function descriptionText(description: string | null | undefined, maxLength = 160) {
	const text = sanitizeHtml(description ?? '', { allowedTags: [], allowedAttributes: {} })
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/\s+/g, ' ')
		.trim()
	return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text
}
