/**
 * `GET /embed/:slug`: the embeddable player that oEmbed's `<iframe>` frames on
 * other sites: the template's first scene in the sandboxed preview document,
 * playing and looping, with controls. Unlike `/preview/…` any site may frame
 * it (`frame-ancestors *`); the document is still sandboxed to an opaque
 * origin with the preview's CSP. Unlisted templates play (the link is the
 * secret) but are never indexed; disabled ones and unknown slugs are 404.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { embedSceneFor } from '#app/models/oembed.server.ts'
import { previewContentSecurityPolicy, renderPreviewDocument } from '#app/models/preview.server.ts'

const ParamsSchema = z.object({ slug: z.string().min(1).max(255) })

export async function loader({ params }: LoaderFunctionArgs) {
	const parsed = ParamsSchema.safeParse(params)
	const scene = parsed.success ? await embedSceneFor(parsed.data.slug) : null
	if (!scene) {
		return new Response('This template cannot be embedded.', {
			status: 404,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' },
		})
	}
	return new Response(renderPreviewDocument(scene, { autoplay: true, loop: true, controls: true }), {
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy': previewContentSecurityPolicy(['*']),
			'Cache-Control': 'public, max-age=60',
			'X-Content-Type-Options': 'nosniff',
			'Referrer-Policy': 'no-referrer',
			'X-Robots-Tag': 'noindex',
		},
	})
}
