/** `GET /api/v1/templates`: the gallery's filters plus keyset pagination → `{ items, nextCursor }`. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { InvalidCursorError, listTemplatesAfter } from '#app/models/template.server.ts'
import { apiError, invalidInput } from '#app/utils/http.server.ts'
import { cachedJson } from '#app/utils/http-cache.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'
import { getUserId } from '#app/utils/session.server.ts'
import { templateListItemJson } from '#app/models/template-json.ts'
import { API_DEFAULT_LIMIT } from '#app/utils/template-filters.ts'
import { TemplateListQuerySchema } from '#app/utils/template-query.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const parsed = TemplateListQuerySchema.safeParse(Object.fromEntries(url.searchParams))
	if (!parsed.success) return invalidInput(parsed.error, 'Invalid query parameters')
	const { cursor, limit, ...filters } = parsed.data
	try {
		const page = await listTemplatesAfter(filters, { cursor, limit: limit ?? API_DEFAULT_LIMIT })
		const origin = publicOrigin(request)
		const personal = Boolean(await getUserId(request))
		return cachedJson(request, { items: page.items.map((item) => templateListItemJson(item, origin)), nextCursor: page.nextCursor }, { personal })
	} catch (error) {
		if (error instanceof InvalidCursorError) {
			return apiError('bad_request', error.message, { issues: [{ path: 'cursor', message: 'Use the nextCursor of the previous page, with the same filters and sort' }] })
		}
		throw error
	}
}
