import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { loginPath, safeReturnTo } from '#app/utils/session.server.ts'
import { SignInError, authenticatorFor, signInAndRedirect } from '#app/models/auth.server.ts'

/**
 * Single sign-on from the editor: `GET /auth/bazaar?token=<editor JWT>&returnTo=/t/…`.
 * A valid token opens a site session; the token never reaches another page
 * (no-referrer), and `returnTo` is kept to same-site paths.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	const returnTo = safeReturnTo(new URL(request.url).searchParams.get('returnTo'))
	let response: Response
	try {
		const user = await authenticatorFor(request).authenticate('bazaar', request)
		response = await signInAndRedirect(request, user, returnTo)
	} catch (error) {
		if (!(error instanceof SignInError)) throw error
		response = redirect(loginPath(returnTo, { error: 'bazaar' }))
	}
	response.headers.set('Referrer-Policy', 'no-referrer')
	response.headers.set('Cache-Control', 'no-store')
	return response
}
