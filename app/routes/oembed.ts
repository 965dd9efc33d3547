/**
 * `GET /oembed?url=<template page>&format=json[&maxwidth=N]`: the oEmbed
 * answer for one of our template pages (docs/rendering.md, "Sharing").
 * No url → 400; a format other than json → 501 (as oEmbed asks); any URL that
 * is not an active template's page of this site → 404.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { oembedFor } from '#app/models/oembed.server.ts'
import { apiError, invalidInput } from '#app/utils/http.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'

const QuerySchema = z.object({
	url: z.string({ error: 'url is required: the address of a template page' }).min(1, 'url is required: the address of a template page').max(2000),
	format: z.string().default('json'),
	maxwidth: z.coerce.number().int().min(100).max(4000).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
	if (!parsed.success) return invalidInput(parsed.error, 'Invalid oEmbed query')
	if (parsed.data.format !== 'json') {
		return new Response('Only format=json is offered.', { status: 501, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
	}
	const answer = await oembedFor(parsed.data.url, publicOrigin(request), { maxWidth: parsed.data.maxwidth })
	if (!answer) return apiError('not_found', 'No template page at this URL')
	return Response.json(answer, { headers: { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' } })
}
