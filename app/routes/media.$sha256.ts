/**
 * GET /media/:sha256 — a copy of a remote image, video or audio file that a
 * published scene shows (copied at publish; see docs/scene-media.md). The URL
 * is the SHA-256 of the bytes, so it is cached for a year, immutable. One
 * byte range is honoured (`Range: bytes=a-b`) so video can seek.
 *
 * The sandboxed preview has an opaque origin: a media element that asks for
 * CORS sends `Origin: null`, hence `Access-Control-Allow-Origin: *` (public
 * bytes, never credentials). A copied SVG opened on its own must not run
 * script on our origin: the response's own CSP sandboxes it.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { findMediaFile } from '#app/models/scene-media.server.ts'

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/)
const RANGE = /^bytes=(\d*)-(\d*)$/

const COMMON_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Access-Control-Allow-Origin': '*',
	'Content-Security-Policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
	'Accept-Ranges': 'bytes',
}

export async function loader({ params, request }: LoaderFunctionArgs) {
	const sha256 = Sha256Schema.safeParse(params.sha256)
	const file = sha256.success ? await findMediaFile(sha256.data) : null
	if (!file) {
		return new Response('No such media file.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
	}
	const bytes = file.bytes
	const headers = { ...COMMON_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'public, max-age=31536000, immutable' }
	const range = RANGE.exec(request.headers.get('range') ?? '')
	if (range && (range[1] || range[2])) {
		const size = bytes.length
		const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]))
		const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1
		if (start >= size || start > end) {
			return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } })
		}
		return new Response(new Uint8Array(bytes.subarray(start, end + 1)), {
			status: 206,
			headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(end - start + 1) },
		})
	}
	return new Response(new Uint8Array(bytes), { headers: { ...headers, 'Content-Length': String(bytes.length) } })
}
