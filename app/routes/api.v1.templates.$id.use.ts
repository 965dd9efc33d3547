import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { EVENT_SOURCES } from '#app/db/schema.ts'
import { requestContext } from '#app/models/event.server.ts'
import { findActiveTemplateId } from '#app/models/favorite.server.ts'
import { copyTemplateIntoProject, USE_RATE_LIMIT, UseTemplateError } from '#app/models/project.server.ts'
import { siteOrigin } from '#app/utils/auth.server.ts'
import { bearerToken, requireApiUser } from '#app/utils/bazaar-token.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { apiError, invalidInput } from '#app/utils/http.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'

const MAX_BODY_BYTES = 16 * 1024

const UseTemplateSchema = z
	.object({
		mode: z.enum(['use', 'mix']).default('use'),
		projectId: z.uuid().optional(),
		sceneIndexes: z
			.array(z.number().int().min(0).max(10_000))
			.min(1)
			.max(100)
			.refine((indexes) => new Set(indexes).size === indexes.length, 'Scene indexes must not repeat')
			.optional(),
		source: z.enum(EVENT_SOURCES).optional(),
	})
	.strict()
	.refine((body) => body.mode === 'mix' || body.sceneIndexes === undefined, {
		path: ['sceneIndexes'],
		message: 'sceneIndexes is only for mode "mix" ("use" copies every scene)',
	})
	.refine((body) => body.mode === 'use' || body.sceneIndexes !== undefined, {
		path: ['sceneIndexes'],
		message: 'mode "mix" needs sceneIndexes',
	})

/** `POST { mode: "use" | "mix", projectId?, sceneIndexes? }`: copies the template's scenes into a project of the caller's. */
export async function action({ request, params }: ActionFunctionArgs) {
	if (request.method.toUpperCase() !== 'POST') return apiError('method_not_allowed', 'Use POST', { headers: { Allow: 'POST' } })
	const user = await requireApiUser(request)
	const text = await request.text()
	if (Buffer.byteLength(text) > MAX_BODY_BYTES) return apiError('payload_too_large', 'The body is too large')
	let body: unknown = {}
	if (text.trim()) {
		try {
			body = JSON.parse(text)
		} catch {
			return apiError('bad_request', 'The body must be JSON')
		}
	}
	const parsed = UseTemplateSchema.safeParse(body)
	if (!parsed.success) return invalidInput(parsed.error)
	const templateId = await findActiveTemplateId(params.id ?? '')
	if (!templateId) return apiError('not_found', 'No such template')
	const limit = await consumeRateLimit(USE_RATE_LIMIT, user.id)
	if (!limit.allowed) {
		return apiError('rate_limited', 'Too many uses. Try again shortly.', { headers: { 'Retry-After': String(limit.retryAfterSeconds) } })
	}
	try {
		const result = await copyTemplateIntoProject({
			userId: user.id,
			templateId,
			mode: parsed.data.mode,
			projectId: parsed.data.projectId,
			sceneIndexes: parsed.data.sceneIndexes,
			source: parsed.data.source ?? (bearerToken(request) ? 'in_app_panel' : 'direct'),
			context: requestContext(request, user.id),
			siteOrigin: siteOrigin(request),
		})
		return Response.json(
			{
				templateId,
				mode: parsed.data.mode,
				projectId: result.projectId,
				projectTitle: result.projectTitle,
				createdProject: result.createdProject,
				sceneIds: result.sceneIds,
				sceneCount: result.sceneCount,
				editorUrl: `${getEnv().BAZAAR_APP_URL.replace(/\/+$/, '')}/projects/${result.projectId}/generate`,
			},
			{ status: result.createdProject ? 201 : 200, headers: { 'Cache-Control': 'no-store' } },
		)
	} catch (error) {
		if (error instanceof UseTemplateError) return apiError(error.code, error.message)
		throw error
	}
}

export function loader() {
	return apiError('method_not_allowed', 'Use POST', { headers: { Allow: 'POST' } })
}
