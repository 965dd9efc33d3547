import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { requireSameOrigin } from '#app/utils/csrf.server.ts'
import { destroyUserSession } from '#app/utils/session.server.ts'

/** Signing out changes state, so it is a POST (a cross-site one is refused). */
export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	return destroyUserSession(request, '/')
}

export function loader() {
	return redirect('/')
}
