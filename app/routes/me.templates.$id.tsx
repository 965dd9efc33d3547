/**
 * `GET/POST /me/templates/:id`: one of the creator's templates: its numbers
 * (30-day chart, totals, funnel), its share link, the moderation notice when
 * disabled, the metadata form (the publish fields minus projectId/sceneIds),
 * and the scene update form (`intent=update-scenes`: `projectId`, `sceneIds`,
 * `note`), which makes a new version; `?projectId=` picks the project whose
 * scenes it lists (the template's source project by default).
 * Someone else's template, or no template, is a 404 (nothing is revealed).
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { DailyMetricsChart } from '#app/components/DailyMetricsChart.tsx'
import { FunnelChart } from '#app/components/FunnelChart.tsx'
import { StatTotals } from '#app/components/StatTotals.tsx'
import { PeriodPicker } from '#app/components/PeriodPicker.tsx'
import { ProjectChooser } from '#app/components/ProjectChooser.tsx'
import { SceneChoiceFields } from '#app/components/SceneChoiceFields.tsx'
import { FieldError, TemplateMetadataFields } from '#app/components/TemplateMetadataFields.tsx'
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
import { listProjectsForPublishing } from '#app/models/publish.server.ts'
import { type FailingScene, SceneChoiceSchema, publishingQuota, publishingWaitMessage, sceneChoiceFromForm } from '#app/models/scene-snapshots.server.ts'
import {
	type FieldErrors,
	TemplateMetadataSchema,
	TemplateVersionNoteSchema,
	VERSION_NOTE_MAX_LENGTH,
	fieldErrors,
	submittedMetadataDefaults,
	templateMetadataFromForm,
} from '#app/models/template-metadata.ts'
import { listTemplateVersions, updateTemplateScenes } from '#app/models/template-version.server.ts'
import { formPageHeaders, notFound, rateLimitedInit, readFormData } from '#app/utils/http.server.ts'
import { formatDate, plural } from '#app/utils/format.ts'
import { categoryLabel } from '#app/vocabulary.ts'
import { creatorStylesLinks } from '#app/utils/creator-styles.ts'
import { requireUser } from '#app/models/auth.server.ts'
import { findTemplateRender, requestTemplateRender } from '#app/models/template-render.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'
import { templatePagePath, templatePageUrl } from '#app/utils/page-urls.ts'

export const links = creatorStylesLinks
export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${data?.template.title ?? 'Template'} · Your templates · Bazaar Community` },
	{ name: 'robots', content: 'noindex' },
]

const CHART_DAYS = 30
/** No intent: the metadata form. `update-scenes`: a new version's scenes. `render`: "Render again". */
const IntentSchema = z.enum(['update-scenes', 'render']).optional()

export const headers = formPageHeaders

async function requireOwnedTemplate(request: Request, id: string | undefined) {
	const user = await requireUser(request)
	const templateId = z.uuid().safeParse(id)
	const template = templateId.success ? await getOwnedTemplate(user.id, templateId.data) : null
	if (!template) notFound()
	return { user, template }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, template } = await requireOwnedTemplate(request, params.id)
	const url = new URL(request.url)
	const period = parsePeriod(url.searchParams.get('period'))
	const now = new Date()
	const [chartDays, funnelDays, disabled, history, projects, render] = await Promise.all([
		dailyEventCounts({ templateIds: [template.id], ...periodRange(CHART_DAYS, now), now }),
		period === CHART_DAYS ? null : dailyEventCounts({ templateIds: [template.id], ...periodRange(period, now), now }),
		template.status === 'disabled' ? latestDisableAction(template.id) : null,
		listTemplateVersions(template.id),
		listProjectsForPublishing(user.id),
		findTemplateRender(template.id),
	])
	const requestedProject = url.searchParams.get('projectId') ?? template.sourceProjectId
	const selected = projects.find((project) => project.id === requestedProject)
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
		shareUrl: templatePageUrl(publicOrigin(request), template.slug),
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
		version: history.version,
		versions: history.versions,
		projects: projects.map(({ id, title, scenes }) => ({ id, title, sceneCount: scenes.length })),
		selectedProject: selected ? { id: selected.id, title: selected.title, scenes: selected.scenes.map(({ id, name, duration }) => ({ id, name, duration })) } : null,
	}
}

const UpdateScenesFormSchema = SceneChoiceSchema.extend({ note: TemplateVersionNoteSchema })

type MetadataFailure = { intent: 'metadata'; errors: FieldErrors; values: ReturnType<typeof submittedMetadataDefaults> }
type IntentFailure = { intent: 'unknown'; errors: FieldErrors }
type UpdateFailure = {
	intent: 'update-scenes'
	errors: FieldErrors
	sceneErrors?: FailingScene[]
	values: { projectId: string; sceneIds: string[]; note: string }
	message?: string
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { user, template } = await requireOwnedTemplate(request, params.id)
	const form = await readFormData(request)
	const intent = IntentSchema.safeParse(form.get('intent') ?? undefined)
	if (!intent.success) {
		return data<IntentFailure>({ intent: 'unknown', errors: { intent: ['intent must be "update-scenes", "render" or absent (a metadata edit)'] } }, { status: 400 })
	}
	if (intent.data === 'update-scenes') return updateScenes(user.id, template.id, form)
	if (intent.data === 'render') {
		// Queued, never rendered here: the page says pending until a worker is done.
		await requestTemplateRender(template.id)
		return redirect(`/me/templates/${template.id}?saved=render`)
	}
	const submitted = templateMetadataFromForm(form)
	const parsed = TemplateMetadataSchema.safeParse(submitted)
	if (!parsed.success) return data<MetadataFailure>({ intent: 'metadata', errors: fieldErrors(parsed.error), values: submittedMetadataDefaults(submitted) }, { status: 400 })
	const updated = await updateTemplateMetadata(user.id, template.id, parsed.data)
	if (!updated) notFound()
	const changedLink = updated.slug !== template.slug
	return redirect(`/me/templates/${template.id}?saved=${changedLink ? 'new-link' : '1'}`)
}

async function updateScenes(userId: string, templateId: string, form: FormData) {
	const choice = sceneChoiceFromForm(form)
	const note = form.get('note') ?? ''
	const values = { projectId: typeof choice.projectId === 'string' ? choice.projectId : '', sceneIds: choice.sceneIds, note: typeof note === 'string' ? note : '' }
	const failure = (body: Omit<UpdateFailure, 'intent' | 'values'>, init: number | ResponseInit = 400) => data<UpdateFailure>({ intent: 'update-scenes', values, ...body }, init)
	const parsed = UpdateScenesFormSchema.safeParse({ ...choice, note })
	if (!parsed.success) return failure({ errors: fieldErrors(parsed.error) })
	const result = await updateTemplateScenes(
		{ ownerUserId: userId, templateId, projectId: parsed.data.projectId, sceneIds: parsed.data.sceneIds, note: parsed.data.note || null },
		{ checkQuota: publishingQuota(userId) },
	)
	if (result.ok) return redirect(`/me/templates/${templateId}?updated=${result.version}`)
	switch (result.reason) {
		case 'template_not_found':
			return notFound()
		case 'project_not_found':
			return failure({ errors: { projectId: ['Choose one of your projects.'] } })
		case 'invalid_scenes':
			return failure({ errors: { sceneIds: [result.message] } })
		case 'scene_errors':
			return failure({
				errors: { sceneIds: [`${plural(result.scenes.length, 'scene')} cannot be published yet. Nothing was changed.`] },
				sceneErrors: result.scenes,
			})
		case 'rate_limited':
			return failure({ errors: {}, message: publishingWaitMessage(result.retryAfterSeconds, 'update') }, rateLimitedInit(result.retryAfterSeconds))
	}
}

export default function CreatorTemplate() {
	const { template, shareUrl, chartDays, chartTotals, funnel, period, disabled, version, versions, projects, selectedProject, render } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const result = actionData?.intent === 'metadata' ? actionData : undefined
	const update = actionData?.intent === 'update-scenes' ? actionData : undefined
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const saved = searchParams.get('saved')
	const updated = searchParams.get('updated')
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
			{updated && !update ? (
				<p className="notice notice-success" role="status">
					Updated: version {updated} is live. Favorites, uses, views and the link stay as they were.
				</p>
			) : null}

			<div className="share-link">
				<label htmlFor="share-url">Share link</label>
				<input id="share-url" readOnly value={shareUrl} />
				{template.status === 'active' ? <a href={templatePagePath(template.slug)}>Open</a> : null}
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

			<h2 id="update-scenes">Scenes and versions</h2>
			<p>
				Version {version}, {plural(versions[0]?.sceneCount ?? 0, 'scene')}. Updating replaces the scenes with ones from your projects; the link,
				favorites, uses and numbers stay, and projects people made from an earlier version keep their copies.
			</p>
			{versions.length > 1 ? (
				<ol className="version-notes" reversed aria-label="Versions">
					{versions.map((entry) => (
						<li key={entry.version}>
							<strong>Version {entry.version}</strong> · <time dateTime={entry.createdAt}>{formatDate(entry.createdAt)}</time> ·{' '}
							{plural(entry.sceneCount, 'scene')}
							{entry.note ? <p className="version-note">{entry.note}</p> : null}
						</li>
					))}
				</ol>
			) : null}
			{projects.length === 0 ? (
				<p className="muted">You have no project to take scenes from. Make one in the Bazaar editor first.</p>
			) : (
				<ProjectChooser projects={projects} selectedId={selectedProject?.id} />
			)}
			<FieldError id="projectId-error" messages={update?.errors.projectId} />
			{update?.message ? (
				<p className="notice notice-danger" role="alert">
					{update.message}
				</p>
			) : null}
			{update && !selectedProject ? (
				// No project's scenes are listed to put these beside: say them here.
				<FieldError id="update-error" messages={[...(update.errors.sceneIds ?? []), ...(update.errors.note ?? [])]} />
			) : null}
			{selectedProject ? (
				// Posts to the page that lists this project, so an answer with errors shows its scenes again.
				<Form method="post" action={`/me/templates/${template.id}?projectId=${selectedProject.id}`} className="stacked-form" aria-labelledby="update-scenes">
					<input type="hidden" name="intent" value="update-scenes" />
					<input type="hidden" name="projectId" value={selectedProject.id} />
					<SceneChoiceFields
						key={update ? 'submitted' : 'fresh'}
						projectTitle={selectedProject.title}
						scenes={selectedProject.scenes}
						hint="The new version holds the ticked scenes in this order; all of them when none is ticked."
						chosen={update?.values.sceneIds}
						failures={update?.sceneErrors}
						errors={update?.errors.sceneIds}
					/>
					<div className="field">
						<label htmlFor="note">What changed</label>
						<textarea
							id="note"
							name="note"
							rows={3}
							maxLength={VERSION_NOTE_MAX_LENGTH}
							defaultValue={update?.values.note}
							key={update ? 'submitted-note' : 'fresh-note'}
							{...(update?.errors.note ? { 'aria-invalid': true as const, 'aria-describedby': 'note-error' } : { 'aria-describedby': 'note-hint' })}
						/>
						<p className="field-hint" id="note-hint">
							Shown on the template's page with the version, at most {VERSION_NOTE_MAX_LENGTH} characters.
						</p>
						<FieldError id="note-error" messages={update?.errors.note} />
					</div>
					<p>
						<button type="submit" className="btn btn-primary" disabled={navigation.state === 'submitting'}>
							Publish version {version + 1}
						</button>
					</p>
				</Form>
			) : null}
		</section>
	)
}
