/**
 * GET /preview/icons.js?icons=mdi:home,tabler:star — the data of these icons
 * for a preview document, as a classic script (see
 * app/models/scene-icons.server.ts). Icon sets only change with a package
 * update, so a day of caching is safe.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { iconScript } from '#app/models/scene-icons.server.ts'
import { invalidInput } from '#app/utils/http.server.ts'
import { ICON_NAME_PATTERN, MAX_ICONS_PER_REQUEST } from '#app/utils/scene-icons.ts'

const QuerySchema = z.object({
	icons: z
		.string({ error: 'Name the icons: ?icons=mdi:home,tabler:star' })
		.transform((value) => value.split(',').filter(Boolean))
		.pipe(
			z
				.array(z.string().max(100).regex(ICON_NAME_PATTERN, 'An icon is named prefix:name, e.g. mdi:home'))
				.min(1, 'Name at least one icon')
				.max(MAX_ICONS_PER_REQUEST, `At most ${MAX_ICONS_PER_REQUEST} icons per request`),
		),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
	if (!query.success) return invalidInput(query.error, 'The icon list is not valid')
	return new Response(await iconScript(query.data.icons), {
		headers: {
			'Content-Type': 'text/javascript; charset=utf-8',
			'Cache-Control': 'public, max-age=86400',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
