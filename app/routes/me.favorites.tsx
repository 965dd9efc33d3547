import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { FavoriteButton } from '#app/components/FavoriteButton.tsx'
import { listFavoriteTemplates } from '#app/models/favorite.server.ts'
import { categoryLabel } from '#app/vocabulary.ts'
import { requireUser } from '#app/models/auth.server.ts'
import { templatePagePath } from '#app/utils/page-urls.ts'

export const meta: MetaFunction = () => [{ title: 'Your favorites · Bazaar Community' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return { user: { name: user.name ?? user.email ?? user.id }, favorites: await listFavoriteTemplates(user.id) }
}

export default function MyFavorites() {
	const { user, favorites } = useLoaderData<typeof loader>()
	return (
		<section className="favorites">
			<h1>Your favorites</h1>
			{/* A div, not a p: the HTML parser closes a <p> at <form>, and the page would not hydrate. */}
			<div>
				Signed in as {user.name}.{' '}
				<Form method="post" action="/logout" className="inline-form">
					<button type="submit" className="link-button">
						Sign out
					</button>
				</Form>
			</div>
			{favorites.length === 0 ? (
				<p>
					No favorites yet. <Link to="/">Browse the gallery</Link> and press ♡ on the templates you like.
				</p>
			) : (
				<ul className="card-grid">
					{favorites.map((template) => (
						<li key={template.id} className="card">
							<Link to={templatePagePath(template.slug)}>
								<h2>{template.title}</h2>
							</Link>
							<p>
								{categoryLabel(template.category)} · {template.creatorName ?? 'Unknown creator'} · {template.sceneCount} scenes
							</p>
							<FavoriteButton
								slug={template.slug}
								title={template.title}
								favorited
								favoritesCount={template.favoritesCount}
								returnTo="/me/favorites"
							/>
						</li>
					))}
				</ul>
			)}
		</section>
	)
}
