import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { FunnelChart } from '#app/components/FunnelChart.tsx'
import { StatTotals } from '#app/components/StatTotals.tsx'
import { PeriodPicker } from '#app/components/PeriodPicker.tsx'
import { funnelFor, listCreatorTemplates, parsePeriod } from '#app/models/creator-dashboard.server.ts'
import { PERIODS } from '#app/models/page-constants.ts'
import { categoryLabel } from '#app/vocabulary.ts'
import { creatorStylesLinks } from '#app/utils/creator-styles.ts'
import { requireUser } from '#app/models/auth.server.ts'

export const links = creatorStylesLinks
export const meta: MetaFunction = () => [{ title: 'Your templates · Bazaar Community' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const period = parsePeriod(new URL(request.url).searchParams.get('period'))
	const templates = await listCreatorTemplates(user.id)
	const funnel = await funnelFor(
		templates.map((template) => template.id),
		period,
	)
	return { templates, funnel, period }
}

export default function CreatorTemplates() {
	const { templates, funnel, period } = useLoaderData<typeof loader>()
	return (
		<section className="creators-page">
			<h1>Your templates</h1>
			<p>
				<Link to="/publish" className="btn btn-primary">
					Publish a project
				</Link>
			</p>
			{templates.length === 0 ? (
				<p className="muted">You have not published a template yet.</p>
			) : (
				<ul className="template-rows">
					{templates.map((template) => (
						<li key={template.id} className="panel template-row" data-template-id={template.id}>
							<div>
								<h3>
									<Link to={`/me/templates/${template.id}`}>{template.title}</Link>
								</h3>
								<p className="muted">
									{categoryLabel(template.category)} · {template.sceneCount} scene{template.sceneCount === 1 ? '' : 's'} ·{' '}
									<span className={`badge visibility-${template.visibility}`}>{template.visibility}</span>{' '}
									<span className={`badge status-${template.status}`}>{template.status === 'disabled' ? 'disabled by moderation' : template.status}</span>
								</p>
							</div>
							<StatTotals views={template.viewsCount} favorites={template.favoritesCount} uses={template.usesCount} />
						</li>
					))}
				</ul>
			)}
			<h2>All your templates: the funnel</h2>
			<PeriodPicker period={period} periods={PERIODS} />
			<FunnelChart counts={funnel} label={`Funnel of all your templates over the last ${period} days`} />
		</section>
	)
}
