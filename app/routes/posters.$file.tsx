/**
 * GET /posters/:templateId.svg — a card's generated poster (gradient and
 * motif; the card sets the title over it), cached as immutable: its URL
 * carries what the drawing depends on (app/utils/poster-url.ts).
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { renderToStaticMarkup } from 'react-dom/server'
import { z } from 'zod'
import { PosterArtwork } from '#app/components/TemplatePoster.tsx'
import { findPosterSubject } from '#app/models/template.server.ts'
import { notFound } from '#app/utils/http.server.ts'

const FileSchema = z.string().regex(/^[0-9a-f-]{36}\.svg$/i, 'a poster is /posters/<template id>.svg')

export async function loader({ params }: LoaderFunctionArgs) {
	const file = FileSchema.safeParse(params.file)
	if (!file.success) notFound(file.error.issues[0]!.message)
	const subject = await findPosterSubject(file.data.slice(0, -'.svg'.length))
	if (!subject) notFound('No such template')
	return new Response(renderToStaticMarkup(<PosterArtwork id={subject.id} category={subject.category} />), {
		headers: {
			'Content-Type': 'image/svg+xml; charset=utf-8',
			'Cache-Control': 'public, max-age=31536000, immutable',
			'X-Content-Type-Options': 'nosniff',
			// An SVG opened on its own must not run anything.
			'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
		},
	})
}
