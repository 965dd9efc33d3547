/**
 * GET /preview/code/:codeHash.js — a scene compiled to a classic script for
 * the preview runtime. The URL names the code's SHA-256, so it never changes:
 * cached for a year, immutable.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { compiledSceneScript } from '#app/models/preview.server.ts'

const FileSchema = z.string().regex(/^[0-9a-f]{64}\.js$/)

export async function loader({ params }: LoaderFunctionArgs) {
	const file = FileSchema.safeParse(params.file)
	const script = file.success ? await compiledSceneScript(file.data.slice(0, -3)) : null
	if (script === null) {
		return new Response('// Unknown scene code\n', {
			status: 404,
			headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' },
		})
	}
	return new Response(script, {
		headers: {
			'Content-Type': 'text/javascript; charset=utf-8',
			'Cache-Control': 'public, max-age=31536000, immutable',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
