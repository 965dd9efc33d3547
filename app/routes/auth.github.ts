import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireSameOrigin } from '#app/utils/csrf.server.ts'
import { signInModes, startOAuthSignIn } from '#app/models/auth.server.ts'

/** Starts GitHub sign-in (on only when GITHUB_CLIENT_ID/SECRET are set). */
async function start(request: Request) {
	if (!signInModes().github) throw new Response('GitHub sign-in is not configured', { status: 404 })
	return startOAuthSignIn(request, 'github', new URL(request.url).searchParams.get('returnTo'))
}

export async function loader({ request }: LoaderFunctionArgs) {
	return start(request)
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	return start(request)
}
