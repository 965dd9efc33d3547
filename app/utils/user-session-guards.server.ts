/**
 * Guards for pages that must not reveal themselves: moderators only, 404 for
 * everyone else (signed out included), so the page's existence is not disclosed.
 */
import type { User } from '#app/db/schema.ts'
import { getOptionalUser } from './session.server.ts'

export function notFound(message = 'Not Found'): never {
	throw new Response(message, { status: 404, headers: { 'Cache-Control': 'no-store' } })
}

export async function requireAdminOr404(request: Request): Promise<User> {
	const user = await getOptionalUser(request)
	if (!user?.isAdmin) notFound()
	return user
}
