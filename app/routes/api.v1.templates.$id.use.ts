import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { EVENT_SOURCES } from '#app/vocabulary.ts'
import { requestContext } from '#app/models/event.server.ts'
import { findActiveTemplateId } from '#app/models/template.server.ts'
import { copyTemplateIntoProject, editorProjectUrl, USE_RATE_LIMIT, UseTemplateError } from '#app/models/project.server.ts'
import { bearerToken } from '#app/utils/bazaar-token.server.ts'
import { apiError, invalidInput, rateLimited, readJsonBody } from '#app/utils/http.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { requireApiUser } from '#app/models/auth.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'

/** The body names a project and at most 100 scene indexes: a few hundred bytes. */
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
	const read = await readJsonBody(request, { maxBytes: MAX_BODY_BYTES, emptyBody: {} })
	if (!read.ok) return read.response
	const parsed = UseTemplateSchema.safeParse(read.body)
	if (!parsed.success) return invalidInput(parsed.error)
	const templateId = await findActiveTemplateId(params.id ?? '')
	if (!templateId) return apiError('not_found', 'No such template')
	const limit = await consumeRateLimit(USE_RATE_LIMIT, user.id)
	if (!limit.allowed) {
		return rateLimited('Too many uses. Try again shortly.', limit.retryAfterSeconds)
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
			siteOrigin: publicOrigin(request),
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
				editorUrl: editorProjectUrl(result.projectId),
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
