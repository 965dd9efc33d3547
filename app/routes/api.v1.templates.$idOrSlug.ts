/**
 * `GET /api/v1/templates/:idOrSlug`: one template with its scenes, its
 * version and the versions' history (newest first). Unlisted
 * templates are reachable (by id or slug, like their page); disabled ones are
 * 404 but for their owner and moderators. A caller who is signed in (session
 * or editor token) also learns whether they favorited it (`favorited`).
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { canViewTemplate, getTemplateBySlugOrId } from '#app/models/template.server.ts'
import { canSeeRenderFailure, findRenderFailure } from '#app/models/template-render.server.ts'
import { apiError, invalidInput } from '#app/utils/http.server.ts'
import { cachedJson } from '#app/utils/http-cache.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'
import { templateListItemJson } from '#app/models/template-json.ts'
import { getOptionalApiUser } from '#app/models/auth.server.ts'
import { isFavorite } from '#app/models/favorite.server.ts'

const ParamsSchema = z.object({ idOrSlug: z.string().trim().min(1).max(255) })

export async function loader({ request, params }: LoaderFunctionArgs) {
	const parsed = ParamsSchema.safeParse(params)
	if (!parsed.success) return invalidInput(parsed.error, 'Invalid template id or slug')
	const [template, user] = await Promise.all([getTemplateBySlugOrId(parsed.data.idOrSlug), getOptionalApiUser(request)])
	if (!template || !canViewTemplate(template, user)) return apiError('not_found', 'No template with this id or slug')
	const favorited = user ? await isFavorite(user.id, template.id) : undefined
	const failure = canSeeRenderFailure(template, user) ? await findRenderFailure(template.id) : null
	return cachedJson(
		request,
		{
			...templateListItemJson(template, publicOrigin(request)),
			// Which scene failed, and why, is for the owner and moderators only.
			render: { status: template.render.status, ...(failure ?? {}) },
			visibility: template.visibility,
			status: template.status,
			version: template.version,
			versions: template.versions,
			scenes: template.scenes.map((scene) => ({
				index: scene.index,
				title: scene.title,
				tsxCode: scene.tsxCode,
				duration: scene.duration,
				previewFrame: scene.previewFrame,
			})),
			...(favorited === undefined ? {} : { favorited }),
		},
		{ personal: Boolean(user) },
	)
}
