import type { LinksFunction } from '@remix-run/node'
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from '@remix-run/react'
import appStylesHref from '#app/styles/app.css?url'

export const links: LinksFunction = () => [
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
	{ rel: 'stylesheet', href: appStylesHref },
]

export function Layout({ children }: { children: React.ReactNode }) {
	return (
		<html lang="en">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body>
				<a className="skip-link" href="#main">
					Skip to content
				</a>
				<header className="site-header">
					<Link to="/" className="brand">
						<span className="brand-mark" aria-hidden="true">
							◆
						</span>{' '}
						Bazaar Community
					</Link>
				</header>
				<main id="main">{children}</main>
				<footer className="site-footer">
					<p>Video templates made in the Bazaar editor, shared by their creators.</p>
				</footer>
				<ScrollRestoration />
				<Scripts />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	const error = useRouteError()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const title =
		status === 404 ? 'Page not found' : status === 503 ? 'We are having trouble reaching our database' : 'Something went wrong'
	return (
		<section className="error-page">
			<h1>{title}</h1>
			<p>{status === 404 ? 'The page you were looking for does not exist or is no longer available.' : 'Please try again in a moment.'}</p>
			<p>
				<Link to="/">Back to the gallery</Link>
			</p>
		</section>
	)
}
