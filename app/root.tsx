import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
	Form,
	Link,
	Links,
	Meta,
	NavLink,
	Outlet,
	Scripts,
	ScrollRestoration,
	isRouteErrorResponse,
	useRouteError,
	useRouteLoaderData,
} from '@remix-run/react'
import { Icon } from '#app/components/Icon.tsx'
import appStylesHref from '#app/styles/app.css?url'
import { useNonce } from '#app/utils/nonce-provider.ts'
import { getOptionalUser } from '#app/models/auth.server.ts'

export const links: LinksFunction = () => [
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
	{ rel: 'stylesheet', href: appStylesHref },
]

export const meta: MetaFunction = ({ error }) => {
	if (!error) return []
	const status = isRouteErrorResponse(error) ? error.status : 500
	return [{ title: status === 404 ? 'Page not found · Bazaar Community' : 'Something went wrong · Bazaar Community' }, { name: 'robots', content: 'noindex' }]
}

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await getOptionalUser(request)
	return { user: user ? { id: user.id, name: user.name ?? user.email ?? 'You', isAdmin: user.isAdmin } : null }
}

/** The signed-in visitor, for any route's component (null when anonymous). */
export function useOptionalUser() {
	return useRouteLoaderData<typeof loader>('root')?.user ?? null
}

function SiteHeader() {
	const user = useOptionalUser()
	return (
		<header className="site-header">
			<div className="container site-header-inner">
				<Link to="/" className="brand" aria-label="Bazaar Community, home">
					<span className="brand-mark" aria-hidden="true">
						<svg viewBox="0 0 24 24" width="22" height="22">
							<path d="M12 2 22 12 12 22 2 12Z" fill="currentColor" />
							<path d="M12 7 17 12 12 17 7 12Z" fill="#fff" opacity=".9" />
						</svg>
					</span>
					<span>
						Bazaar <span className="brand-soft">Community</span>
					</span>
				</Link>
				<nav className="site-nav" aria-label="Main">
					<NavLink to="/" end className="site-nav-link">
						Gallery
					</NavLink>
					{user ? (
						<>
							<NavLink to="/me/favorites" className="site-nav-link">
								Favorites
							</NavLink>
							<NavLink to="/me/templates" className="site-nav-link">
								My templates
							</NavLink>
							{user.isAdmin ? (
								<NavLink to="/admin/templates" className="site-nav-link">
									Moderation
								</NavLink>
							) : null}
							<Link to="/publish" className="btn btn-primary btn-small">
								<Icon name="sparkle" size={14} /> Publish
							</Link>
							<Form method="post" action="/logout" className="inline-form">
								<button type="submit" className="btn btn-ghost btn-small">
									Sign out
								</button>
							</Form>
						</>
					) : (
						<Link to="/login" className="btn btn-secondary btn-small">
							Sign in
						</Link>
					)}
				</nav>
			</div>
		</header>
	)
}

export function Layout({ children }: { children: React.ReactNode }) {
	const nonce = useNonce()
	return (
		<html lang="en">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="theme-color" content="#5b3df5" />
				<Meta />
				<Links />
			</head>
			<body>
				<a className="skip-link" href="#main">
					Skip to content
				</a>
				<SiteHeader />
				<main id="main" className="container">
					{children}
				</main>
				<footer className="site-footer">
					<div className="container site-footer-inner">
						<p>
							<strong>Bazaar Community</strong> · motion-graphics templates made in the Bazaar editor, shared by their creators.
						</p>
						<nav aria-label="Footer">
							<Link to="/" discover="none">Gallery</Link> · <Link to="/?sort=new" discover="none">New</Link> · <Link to="/?sort=trending" discover="none">Trending</Link> ·{' '}
							<a href="/sitemap.xml">Sitemap</a>
						</nav>
					</div>
				</footer>
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

/** The message a thrown answer carries (`{ error: { message } }` from the API helpers, `{ message }`, or text), if any. */
function errorMessage(data: unknown): string | null {
	if (typeof data === 'string') return data.length > 0 && data.length < 300 ? data : null
	if (typeof data !== 'object' || data === null) return null
	const value = (data as { error?: { message?: unknown }; message?: unknown }).error?.message ?? (data as { message?: unknown }).message
	return typeof value === 'string' ? value : null
}

export function ErrorBoundary() {
	const error = useRouteError()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const notFound = status === 404
	// A refused request (4xx) says why; a server-side failure never shows its details.
	const refusal = status >= 400 && status < 500 && !notFound && isRouteErrorResponse(error) ? errorMessage(error.data) : null
	return (
		<section className="error-page" aria-labelledby="error-title">
			<p className="error-code" aria-hidden="true">
				{status}
			</p>
			<h1 id="error-title">
				{notFound
					? 'Page not found'
					: status === 503
						? 'We are having trouble reaching our database'
						: refusal
							? 'This request could not be handled'
							: 'Something went wrong'}
			</h1>
			<p className="lede">
				{notFound ? 'The page you were looking for does not exist or is no longer available.' : (refusal ?? 'Please try again in a moment.')}
			</p>
			<p className="error-actions">
				<Link className="btn btn-primary" to="/">
					Back to the gallery
				</Link>
				{notFound ? (
					<Link className="btn btn-secondary" to="/?sort=new">
						See what is new
					</Link>
				) : null}
			</p>
		</section>
	)
}
