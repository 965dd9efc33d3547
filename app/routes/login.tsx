import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { listDemoAccounts } from '#app/models/user.server.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { requireSameOrigin } from '#app/utils/csrf.server.ts'
import { safeReturnTo } from '#app/utils/session.server.ts'
import { SignInError, authenticatorFor, getOptionalUser, signInAndRedirect, signInModes } from '#app/models/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Sign in · Bazaar Community' }, { name: 'robots', content: 'noindex' }]

const ERROR_MESSAGES: Record<string, string> = {
	bazaar: 'The sign-in link from the Bazaar editor was not valid or has expired. Open the community again from the editor.',
	github: 'GitHub sign-in did not complete. Please try again.',
}

export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const returnTo = safeReturnTo(url.searchParams.get('returnTo'))
	const user = await getOptionalUser(request)
	const modes = signInModes()
	return {
		returnTo,
		user: user ? { name: user.name, email: user.email } : null,
		modes,
		demoAccounts: modes.demo ? await listDemoAccounts() : [],
		error: ERROR_MESSAGES[url.searchParams.get('error') ?? ''] ?? null,
	}
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const form = await readFormData(request.clone())
	const returnTo = safeReturnTo(form.get('returnTo'))
	if (!signInModes().demo) return data({ error: 'Demo sign-in is turned off on this site.' }, { status: 403 })
	try {
		const user = await authenticatorFor(request).authenticate('demo', request)
		return await signInAndRedirect(request, user, returnTo)
	} catch (error) {
		if (error instanceof SignInError) return data({ error: error.message }, { status: 400 })
		throw error
	}
}

export default function Login() {
	const { returnTo, user, modes, demoAccounts, error } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const message = actionData?.error ?? error
	return (
		<section className="login">
			<h1>Sign in</h1>
			{message ? (
				<p className="form-error" role="alert">
					{message}
				</p>
			) : null}
			{user ? (
				<div className="login-signed-in">
					<p>
						You are signed in as <strong>{user.name ?? user.email}</strong>.
					</p>
					<p>
						<Link to={returnTo}>Continue</Link> · <Link to="/me/favorites">Your favorites</Link>
					</p>
					<Form method="post" action="/logout">
						<button type="submit">Sign out</button>
					</Form>
				</div>
			) : null}
			<p className="login-mode" data-testid="login-mode">
				{modes.demo
					? `Demo mode: pick one of the demo accounts below to sign in without a password. ${
							modes.production ? 'It is on in production because AUTH_DEMO_LOGIN=1.' : 'Real deployments turn this off.'
						}`
					: 'Demo sign-in is off on this site.'}{' '}
				{modes.github ? 'GitHub sign-in is available.' : 'GitHub sign-in is not configured.'} Coming from the Bazaar editor, you are
				signed in automatically.
			</p>
			{modes.github ? (
				<Form method="post" action={`/auth/github?returnTo=${encodeURIComponent(returnTo)}`}>
					<button type="submit" className="btn btn-primary">
						Sign in with GitHub
					</button>
				</Form>
			) : null}
			{modes.demo ? (
				<div className="demo-accounts">
					<h2>Demo accounts</h2>
					<ul>
						{demoAccounts.map((account) => (
							<li key={account.id}>
								<Form method="post">
									<input type="hidden" name="email" value={account.email ?? ''} />
									<input type="hidden" name="returnTo" value={returnTo} />
									<button type="submit" className="btn btn-secondary btn-small">
										Sign in as {account.name}
									</button>{' '}
									<span className="demo-account-email">
										{account.email}
										{account.isAdmin ? ' (moderator)' : ''}
									</span>
								</Form>
							</li>
						))}
					</ul>
				</div>
			) : null}
		</section>
	)
}
