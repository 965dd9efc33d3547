/**
 * Guards for pages that must not reveal themselves: moderators only, 404 for
 * everyone else (signed out included), so the page's existence is not disclosed.
 * State-changing requests must also come from our own origin (csrf.server.ts).
 */
import type { User } from '#app/db/schema.ts'
import { requireSameOrigin } from './csrf.server.ts'
import { getOptionalUser } from './session.server.ts'

export function notFound(message = 'Not Found'): never {
	throw new Response(message, { status: 404, headers: { 'Cache-Control': 'no-store' } })
}

export async function requireAdminOr404(request: Request): Promise<User> {
	const user = await getOptionalUser(request)
	if (!user?.isAdmin) notFound()
	// Only after the 404: a cross-site post must not learn that the page exists either.
	requireSameOrigin(request)
	return user
}
