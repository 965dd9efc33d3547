import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listPublicTemplates } from '#app/models/template.server.ts'
import { categoryLabel } from '#app/utils/categories.ts'

export const meta: MetaFunction = () => [
	{ title: 'Bazaar Community: video templates' },
	{ name: 'description', content: 'Discover, preview and reuse motion-graphics video templates made in the Bazaar editor.' },
]

export async function loader() {
	return { templates: await listPublicTemplates({ limit: 48 }) }
}

export default function Gallery() {
	const { templates } = useLoaderData<typeof loader>()
	return (
		<section className="gallery">
			<h1>Video templates</h1>
			<ul className="card-grid">
				{templates.map((template) => (
					<li key={template.id} className="card">
						<Link to={`/t/${template.slug}`}>
							<h2>{template.title}</h2>
						</Link>
						<p>
							{categoryLabel(template.category)} · {template.creatorName ?? 'Unknown creator'} · {template.sceneCount} scenes
						</p>
					</li>
				))}
			</ul>
		</section>
	)
}
