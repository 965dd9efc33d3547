/**
 * GET /preview/:templateId/:sceneIndex — the sandboxed document that plays one
 * scene. Query: `format` (landscape/portrait/square; default the template's
 * first), `autoplay=0` (a still at the preview frame), `loop=0`, `controls=0`,
 * `start` (first frame). 404 for unknown or disabled templates and missing scenes.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { FORMATS } from '#app/vocabulary.ts'
import { findPreviewScene, previewContentSecurityPolicy, renderPreviewDocument } from '#app/models/preview.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

const ParamsSchema = z.object({
	templateId: z.uuid(),
	sceneIndex: z.string().regex(/^\d{1,4}$/).transform(Number),
})
const flag = z.enum(['0', '1']).optional().catch(undefined)
const QuerySchema = z.object({
	format: z.enum(FORMATS).optional().catch(undefined),
	autoplay: flag,
	loop: flag,
	controls: flag,
	start: z.coerce.number().int().min(0).optional().catch(undefined),
})

function notFound() {
	return new Response('This preview does not exist.', {
		status: 404,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' },
	})
}

export async function loader({ params, request }: LoaderFunctionArgs) {
	const parsedParams = ParamsSchema.safeParse(params)
	if (!parsedParams.success) return notFound()
	const scene = await findPreviewScene(parsedParams.data.templateId, parsedParams.data.sceneIndex)
	if (!scene) return notFound()
	const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const html = renderPreviewDocument(scene, {
		format: query.format,
		autoplay: query.autoplay !== '0',
		loop: query.loop !== '0',
		controls: query.controls !== '0',
		startFrame: query.start,
	})
	return new Response(html, {
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy': previewContentSecurityPolicy(getEnv().WIDGET_ALLOWED_ORIGINS),
			// Short: a template that gets disabled should stop previewing soon.
			'Cache-Control': 'public, max-age=60',
			'X-Content-Type-Options': 'nosniff',
			'Referrer-Policy': 'no-referrer',
			'X-Robots-Tag': 'noindex',
		},
	})
}
