/**
 * `GET /api/v1/creators/:handle` → `{ handle, name, image, bio, links,
 * templates, totals: { templates, uses, favorites } }`. `templates` are the
 * creator's public active templates in the list's item shape (`?sort=popular`
 * or `new`, at most CREATOR_TEMPLATE_LIMIT); the totals count them all.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { CREATOR_SORTS } from '#app/models/creator-profile-limits.ts'
import { getCreatorPage } from '#app/models/creator-profile.server.ts'
import { apiError, invalidInput } from '#app/utils/http.server.ts'
import { cachedJson } from '#app/utils/http-cache.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'
import { getUserId } from '#app/utils/session.server.ts'
import { templateListItemJson } from '#app/models/template-json.ts'
import { creatorProfileUrl } from '#app/utils/page-urls.ts'

const QuerySchema = z.object({ sort: z.enum(CREATOR_SORTS, { error: 'sort is popular or new' }).optional() }).strict()

export async function loader({ request, params }: LoaderFunctionArgs) {
	const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
	if (!query.success) return invalidInput(query.error, 'Invalid query parameters')
	const [found, userId] = await Promise.all([getCreatorPage(params.handle ?? '', { sort: query.data.sort }), getUserId(request)])
	if (!found) return apiError('not_found', 'No creator with this handle')
	const { creator, templates, totals } = found
	const origin = publicOrigin(request)
	return cachedJson(
		request,
		{
			handle: creator.handle,
			name: creator.name,
			image: creator.image,
			bio: creator.bio,
			links: creator.links,
			url: creatorProfileUrl(origin, creator.handle),
			templates: templates.map((template) => templateListItemJson(template, origin)),
			totals,
		},
		{ personal: Boolean(userId) },
	)
}
