import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { authenticatorFor, pendingReturnTo, signInAndRedirect, signInModes } from '#app/models/auth.server.ts'

/** GitHub sends the user back here with `code` and `state`; remix-auth-github checks the state cookie. */
export async function loader({ request }: LoaderFunctionArgs) {
	if (!signInModes().github) throw new Response('GitHub sign-in is not configured', { status: 404 })
	const returnTo = await pendingReturnTo(request)
	try {
		const user = await authenticatorFor(request).authenticate('github', request)
		return await signInAndRedirect(request, user, returnTo)
	} catch (error) {
		if (error instanceof Response) throw error
		console.warn('GitHub sign-in failed:', error instanceof Error ? error.message : error)
		return redirect(`/login?error=github`)
	}
}
