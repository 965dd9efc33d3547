/**
 * `GET/POST /me/templates/:id`: one of the creator's templates: its numbers
 * (30-day chart, totals, funnel), its share link, the moderation notice when
 * disabled, and the metadata form (the publish fields minus projectId/sceneIds).
 * Someone else's template, or no template, is a 404 (nothing is revealed).
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { DailyMetricsChart } from '#app/components/DailyMetricsChart.tsx'
import { FunnelChart } from '#app/components/FunnelChart.tsx'
import { StatTotals } from '#app/components/StatTotals.tsx'
import { PeriodPicker } from '#app/components/PeriodPicker.tsx'
import { TemplateMetadataFields } from '#app/components/TemplateMetadataFields.tsx'
import {
	dailyEventCounts,
	getOwnedTemplate,
	parsePeriod,
	periodRange,
	sumCounts,
	updateTemplateMetadata,
} from '#app/models/creator-dashboard.server.ts'
import { PERIODS } from '#app/models/page-constants.ts'
import { latestDisableAction } from '#app/models/moderation.server.ts'
import { TemplateMetadataSchema, fieldErrors, submittedMetadataDefaults, templateMetadataFromForm } from '#app/models/template-metadata.ts'
import { notFound, readFormData } from '#app/utils/http.server.ts'
import { categoryLabel } from '#app/vocabulary.ts'
import { creatorStylesLinks } from '#app/utils/creator-styles.ts'
import { requireUser } from '#app/models/auth.server.ts'
import { findTemplateRender, requestTemplateRender } from '#app/models/template-render.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'

export const links = creatorStylesLinks
export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.template.title ?? 'Template'} · Your templates · Bazaar Community` },
	{ name: 'robots', content: 'noindex' },
]

const CHART_DAYS = 30
/** No intent: the metadata form. `render`: "Render again". */
const IntentSchema = z.enum(['render']).optional()

async function requireOwnedTemplate(request: Request, id: string | undefined) {
	const user = await requireUser(request)
	const templateId = z.uuid().safeParse(id)
	const template = templateId.success ? await getOwnedTemplate(user.id, templateId.data) : null
	if (!template) notFound()
	return { user, template }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { template } = await requireOwnedTemplate(request, params.id)
	const url = new URL(request.url)
	const period = parsePeriod(url.searchParams.get('period'))
	const now = new Date()
	const [chartDays, funnelDays, disabled, render] = await Promise.all([
		dailyEventCounts({ templateIds: [template.id], ...periodRange(CHART_DAYS, now), now }),
		period === CHART_DAYS ? null : dailyEventCounts({ templateIds: [template.id], ...periodRange(period, now), now }),
		template.status === 'disabled' ? latestDisableAction(template.id) : null,
		findTemplateRender(template.id),
	])
	return {
		template: {
			id: template.id,
			slug: template.slug,
			title: template.title,
			description: template.description ?? '',
			category: template.category,
			tags: template.tags ?? [],
			formats: template.supportedFormats ?? [],
			visibility: template.visibility ?? 'public',
			status: template.status ?? 'active',
		},
		shareUrl: `${publicOrigin(request)}/t/${template.slug}`,
		chartDays: chartDays.map(({ day, view, favorite, use }) => ({ day, view, favorite, use })),
		chartTotals: sumCounts(chartDays),
		funnel: sumCounts(funnelDays ?? chartDays),
		period,
		render: {
			status: render.status,
			renderedAt: render.renderedAt,
			scenes: render.scenes.map((scene) => ({ index: scene.index, status: scene.status, message: scene.message ?? null })),
		},
		disabled: disabled ? { reason: disabled.reason, at: disabled.createdAt.toISOString() } : template.status === 'disabled' ? { reason: null, at: null } : null,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { user, template } = await requireOwnedTemplate(request, params.id)
	const form = await readFormData(request)
	const intent = IntentSchema.safeParse(form.get('intent') ?? undefined)
	if (!intent.success) return data({ errors: { intent: ['intent must be "render" or absent (a metadata edit)'] }, values: null }, { status: 400 })
	if (intent.data === 'render') {
		// Queued, never rendered here: the page says pending until a worker is done.
		await requestTemplateRender(template.id)
		return redirect(`/me/templates/${template.id}?saved=render`)
	}
	const submitted = templateMetadataFromForm(form)
	const parsed = TemplateMetadataSchema.safeParse(submitted)
	if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: submittedMetadataDefaults(submitted) }, { status: 400 })
	const updated = await updateTemplateMetadata(user.id, template.id, parsed.data)
	if (!updated) notFound()
	const changedLink = updated.slug !== template.slug
	return redirect(`/me/templates/${template.id}?saved=${changedLink ? 'new-link' : '1'}`)
}

export default function CreatorTemplate() {
	const { template, shareUrl, chartDays, chartTotals, funnel, period, disabled, render } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const saved = searchParams.get('saved')
	return (
		<section className="creators-page">
			<p>
				<Link to="/me/templates">← Your templates</Link>
			</p>
			<h1>{template.title}</h1>
			<p className="muted">
				{categoryLabel(template.category)} · <span className={`badge visibility-${template.visibility}`}>{template.visibility}</span>{' '}
				<span className={`badge status-${template.status}`}>{template.status}</span>
			</p>
			{disabled ? (
				<div className="notice notice-danger" role="alert" data-testid="disabled-notice">
					<strong>Moderation disabled this template.</strong> It is hidden from everyone but you: the gallery, search, its page and the
					API no longer show it.
					{disabled.reason ? (
						<>
							{' '}
							Reason given: <q>{disabled.reason}</q>
							{disabled.at ? ` (${disabled.at.slice(0, 10)})` : ''}.
						</>
					) : null}
				</div>
			) : null}
			{saved ? (
				<p className="notice notice-success" role="status">
					{saved === 'new-link'
						? 'Saved. The template has a new link; the old one no longer works.'
						: saved === 'render'
							? 'Queued: a new render will replace the posters and the check in a minute or so.'
							: 'Saved.'}
				</p>
			) : null}

			<div className="share-link">
				<label htmlFor="share-url">Share link</label>
				<input id="share-url" readOnly value={shareUrl} />
				{template.status === 'active' ? <a href={`/t/${template.slug}`}>Open</a> : null}
			</div>

			<h2>Posters and playback</h2>
			<p className="muted" data-testid="render-status">
				{render.status === 'verified'
					? 'Every scene played from start to end without an error (Plays in Bazaar).'
					: render.status === 'failing'
						? 'A scene does not play: see below. Visitors see the template, but not the "Plays in Bazaar" mark.'
						: 'Rendering: posters and the playback check are queued or under way.'}
				{render.renderedAt ? ` Last rendered ${render.renderedAt.slice(0, 16).replace('T', ' ')} UTC.` : ''}
			</p>
			{render.scenes.length > 0 ? (
				<ol className="render-scenes" aria-label="Scenes">
					{render.scenes.map((scene) => (
						<li key={scene.index} data-render-status={render.status === 'pending' ? 'pending' : scene.status}>
							Scene {scene.index + 1}: <strong>{render.status === 'pending' ? 'pending' : scene.status}</strong>
							{scene.message ? <pre className="render-message">{scene.message}</pre> : null}
						</li>
					))}
				</ol>
			) : null}
			<Form method="post">
				<button type="submit" name="intent" value="render" className="btn btn-secondary">
					Render again
				</button>
			</Form>

			<h2>Last {chartDays.length} days</h2>
			<StatTotals views={chartTotals.view} favorites={chartTotals.favorite} uses={chartTotals.use} testId="chart-totals" />
			<DailyMetricsChart days={chartDays} title={`Views, favorites and uses of ${template.title} per day`} />

			<h2>Funnel</h2>
			<PeriodPicker period={period} periods={PERIODS} />
			<FunnelChart counts={funnel} label={`Funnel over the last ${period} days`} />

			<h2>Details</h2>
			<Form method="post" className="stacked-form" noValidate={false}>
				<TemplateMetadataFields
					key={result ? 'submitted' : 'saved'}
					defaults={
						result?.values ?? {
							title: template.title,
							description: template.description,
							category: template.category ?? '',
							tags: template.tags.join(', '),
							formats: template.formats,
							visibility: template.visibility,
						}
					}
					errors={result?.errors}
				/>
				<p className="field-hint">
					Switching between public and unlisted gives the template a new link (a clean one when public, an unguessable one when
					unlisted); the old link stops working.
				</p>
				<p>
					<button type="submit" className="btn btn-primary" disabled={navigation.state === 'submitting'}>
						Save
					</button>
				</p>
			</Form>
		</section>
	)
}
