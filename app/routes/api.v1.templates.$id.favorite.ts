import { type ActionFunctionArgs } from '@remix-run/node'
import { FAVORITE_RATE_LIMIT, favoriteTemplate, unfavoriteTemplate } from '#app/models/favorite.server.ts'
import { findActiveTemplateId } from '#app/models/template.server.ts'
import { requestContext } from '#app/models/event.server.ts'
import { bearerToken } from '#app/utils/bazaar-token.server.ts'
import { apiError, rateLimited } from '#app/utils/http.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { requireApiUser } from '#app/models/auth.server.ts'

/** `PUT` favorites, `DELETE` unfavorites; both idempotent. Session cookie or `Authorization: Bearer <editor token>`. */
export async function action({ request, params }: ActionFunctionArgs) {
	const method = request.method.toUpperCase()
	if (method !== 'PUT' && method !== 'DELETE') {
		return apiError('method_not_allowed', 'Use PUT to favorite and DELETE to unfavorite', { headers: { Allow: 'PUT, DELETE' } })
	}
	const user = await requireApiUser(request)
	const templateId = await findActiveTemplateId(params.id ?? '')
	if (!templateId) return apiError('not_found', 'No such template')
	const limit = await consumeRateLimit(FAVORITE_RATE_LIMIT, user.id)
	if (!limit.allowed) {
		return rateLimited('Too many favorite changes. Try again shortly.', limit.retryAfterSeconds)
	}
	const toggle = method === 'PUT' ? favoriteTemplate : unfavoriteTemplate
	const result = await toggle(user.id, templateId, {
		source: bearerToken(request) ? 'in_app_panel' : 'community_site',
		context: requestContext(request, user.id),
	})
	return Response.json(
		{ templateId: result.templateId, favorited: result.favorited, favoritesCount: result.favoritesCount },
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

export function loader() {
	return apiError('method_not_allowed', 'Use PUT to favorite and DELETE to unfavorite', { headers: { Allow: 'PUT, DELETE' } })
}
