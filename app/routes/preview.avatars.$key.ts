/**
 * GET /preview/avatars/:key — the portrait behind `window.BazaarAvatars[key]`
 * (see app/models/scene-avatars.server.ts). An hour of caching: a new file in
 * BAZAAR_AVATARS_DIR shows up soon without a rename.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { avatarImage } from '#app/models/scene-avatars.server.ts'
import { apiError } from '#app/utils/http.server.ts'
import { AVATAR_FILES, isAvatarKey } from '#app/utils/scene-avatars.ts'

const KeySchema = z.string().refine(isAvatarKey)

export async function loader({ params }: LoaderFunctionArgs) {
	const key = KeySchema.safeParse(params.key)
	if (!key.success) return apiError('not_found', `No avatar is called "${params.key}"; the keys are ${Object.keys(AVATAR_FILES).join(', ')}`)
	const image = await avatarImage(key.data)
	return new Response(image.body, {
		headers: {
			'Content-Type': image.contentType,
			'Cache-Control': 'public, max-age=3600',
			'X-Content-Type-Options': 'nosniff',
			// An SVG opened on its own must not run anything.
			'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
		},
	})
}
