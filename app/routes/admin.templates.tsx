import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { RENDER_STATUSES, STATUSES, VISIBILITIES } from '#app/vocabulary.ts'
import {
	ModerationError,
	dismissReports,
	listModerationActions,
	listReportQueue,
	listTemplatesForModeration,
	setTemplateStatusByModerator,
} from '#app/models/moderation.server.ts'
import { MODERATION_REASON_MAX_LENGTH, REPORT_REASON_LABELS } from '#app/models/page-constants.ts'
import { normalizeLine } from '#app/models/template-metadata.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { creatorStylesLinks } from '#app/utils/creator-styles.ts'
import { requireAdminOr404 } from '#app/models/auth.server.ts'
import { templatePagePath } from '#app/utils/page-urls.ts'

export const links = creatorStylesLinks
export const meta: MetaFunction = () => [{ title: 'Moderation · Bazaar Community' }, { name: 'robots', content: 'noindex' }]

const FiltersSchema = z.object({
	// normalizeLine drops control characters (PostgreSQL refuses a NUL byte).
	q: z.string().max(200).transform(normalizeLine).optional().catch(undefined),
	status: z.enum(STATUSES).optional().catch(undefined),
	visibility: z.enum(VISIBILITIES).optional().catch(undefined),
	render: z.enum(RENDER_STATUSES).optional().catch(undefined),
	queue: z.enum(['most-reported', 'newest']).optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAdminOr404(request)
	const url = new URL(request.url)
	const filters = FiltersSchema.parse(Object.fromEntries(url.searchParams))
	const [templates, queue, actions] = await Promise.all([
		listTemplatesForModeration(filters),
		listReportQueue({ sort: filters.queue ?? 'most-reported' }),
		listModerationActions({ limit: 50 }),
	])
	return { filters, templates, queue, actions }
}

const ModerationFormSchema = z.object({
	intent: z.enum(['disable', 'enable', 'dismiss'], { error: 'Unknown action' }),
	templateId: z.uuid({ error: 'Unknown template' }),
	reason: z
		.string({ error: 'Say why (the creator sees this reason)' })
		.transform(normalizeLine)
		.pipe(
			z
				.string()
				.min(3, 'Say why (the creator sees this reason)')
				.max(MODERATION_REASON_MAX_LENGTH, `At most ${MODERATION_REASON_MAX_LENGTH} characters`),
		),
})

export async function action({ request }: ActionFunctionArgs) {
	const moderator = await requireAdminOr404(request)
	const parsed = ModerationFormSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) {
		return data({ ok: false as const, templateId: null, message: parsed.error.issues.map((issue) => issue.message).join('. ') }, { status: 400 })
	}
	const { intent, templateId, reason } = parsed.data
	try {
		const recorded =
			intent === 'dismiss'
				? await dismissReports({ templateId, moderatorUserId: moderator.id, reason })
				: await setTemplateStatusByModerator({ templateId, moderatorUserId: moderator.id, action: intent, reason })
		const verb = intent === 'disable' ? 'Disabled' : intent === 'enable' ? 'Enabled' : 'Dismissed the reports of'
		return { ok: true as const, templateId, message: `${verb} the template (${recorded.reportsResolved} report(s) resolved).` }
	} catch (error) {
		if (error instanceof ModerationError && error.code === 'not_found') {
			return data({ ok: false as const, templateId, message: 'That template no longer exists.' }, { status: 404 })
		}
		throw error
	}
}

const ACTION_LABELS = { disable: 'Disabled', enable: 'Enabled', dismiss_reports: 'Dismissed reports' } as const

function ReasonForm({ templateId, intent, label }: { templateId: string; intent: 'disable' | 'enable' | 'dismiss'; label: string }) {
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle' && navigation.formData?.get('templateId') === templateId
	return (
		<Form method="post" className="inline-form">
			<input type="hidden" name="templateId" value={templateId} />
			<label>
				<span className="visually-hidden">Reason</span>
				<input name="reason" required minLength={3} maxLength={MODERATION_REASON_MAX_LENGTH} placeholder="Reason (shown to the creator)" />
			</label>
			<button type="submit" name="intent" value={intent} className={intent === 'disable' ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy}>
				{label}
			</button>
		</Form>
	)
}

export default function ModerationPage() {
	const { filters, templates, queue, actions } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	return (
		<section className="creators-page">
			<h1>Moderation</h1>
			{result ? (
				<p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'notice notice-success' : 'notice notice-danger'}>
					{result.message}
				</p>
			) : null}

			<h2 id="reports">Reported templates</h2>
			<p className="muted">
				Sort:{' '}
				<Link to="?queue=most-reported#reports" aria-current={filters.queue !== 'newest' ? 'true' : undefined}>
					most reported
				</Link>{' '}
				·{' '}
				<Link to="?queue=newest#reports" aria-current={filters.queue === 'newest' ? 'true' : undefined}>
					newest
				</Link>
			</p>
			{queue.length === 0 ? (
				<p className="muted">No open reports.</p>
			) : (
				<ul className="report-queue">
					{queue.map((group) => (
						<li key={group.templateId} className="panel" data-template-id={group.templateId}>
							<h3>
								<Link to={templatePagePath(group.slug)}>{group.title}</Link>{' '}
								<span className="badge">{group.openReports} open report{group.openReports === 1 ? '' : 's'}</span>{' '}
								<span className={`badge status-${group.status}`}>{group.status}</span>
							</h3>
							<ul className="report-list">
								{group.reports.map((report) => (
									<li key={report.id}>
										<strong>{REPORT_REASON_LABELS[report.reason]}</strong> by {report.reporterName ?? 'a user'},{' '}
										<time dateTime={report.createdAt.toString()}>{new Date(report.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC</time>
										{report.details ? <p className="report-details">{report.details}</p> : null}
									</li>
								))}
							</ul>
							<div className="actions-row">
								{group.status === 'active' ? <ReasonForm templateId={group.templateId} intent="disable" label="Disable and resolve" /> : null}
								<ReasonForm templateId={group.templateId} intent="dismiss" label="Dismiss reports" />
							</div>
						</li>
					))}
				</ul>
			)}

			<h2 id="templates">All templates</h2>
			<Form method="get" className="filters" role="search">
				<label>
					Search <input type="search" name="q" defaultValue={filters.q ?? ''} placeholder="Title, slug or creator" />
				</label>
				<label>
					Status{' '}
					<select name="status" defaultValue={filters.status ?? ''}>
						<option value="">any</option>
						<option value="active">active</option>
						<option value="disabled">disabled</option>
					</select>
				</label>
				<label>
					Visibility{' '}
					<select name="visibility" defaultValue={filters.visibility ?? ''}>
						<option value="">any</option>
						<option value="public">public</option>
						<option value="unlisted">unlisted</option>
					</select>
				</label>
				<label>
					Playback{' '}
					<select name="render" defaultValue={filters.render ?? ''}>
						<option value="">any</option>
						<option value="failing">failing (a scene does not play)</option>
						<option value="verified">verified</option>
						<option value="pending">pending</option>
					</select>
				</label>
				<button type="submit" className="btn btn-primary">
					Search
				</button>
			</Form>
			<div className="table-scroll">
				<table className="data-table">
					<thead>
						<tr>
							<th scope="col">Template</th>
							<th scope="col">Creator</th>
							<th scope="col">Visibility</th>
							<th scope="col">Status</th>
							<th scope="col">Playback</th>
							<th scope="col">Reports</th>
							<th scope="col">Action</th>
						</tr>
					</thead>
					<tbody>
						{templates.map((template) => (
							<tr key={template.id} data-template-id={template.id}>
								<td>
									<Link to={templatePagePath(template.slug)}>{template.title}</Link>
								</td>
								<td>{template.ownerName ?? template.ownerEmail ?? '—'}</td>
								<td>{template.visibility}</td>
								<td>
									<span className={`badge status-${template.status}`}>{template.status}</span>
								</td>
								<td data-render-status={template.render}>{template.render}</td>
								<td>{template.openReports}</td>
								<td>
									{template.status === 'disabled' ? (
										<ReasonForm templateId={template.id} intent="enable" label="Enable" />
									) : (
										<ReasonForm templateId={template.id} intent="disable" label="Disable" />
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			{templates.length === 0 ? <p className="muted">No template matches.</p> : null}

			<h2 id="audit">Audit trail</h2>
			{actions.length === 0 ? (
				<p className="muted">No moderation action yet.</p>
			) : (
				<div className="table-scroll">
					<table className="data-table audit-trail">
						<thead>
							<tr>
								<th scope="col">When (UTC)</th>
								<th scope="col">Who</th>
								<th scope="col">What</th>
								<th scope="col">Template</th>
								<th scope="col">Why</th>
							</tr>
						</thead>
						<tbody>
							{actions.map((entry) => (
								<tr key={entry.id}>
									<td>
										<time dateTime={entry.createdAt.toString()}>{new Date(entry.createdAt).toISOString().slice(0, 16).replace('T', ' ')}</time>
									</td>
									<td>{entry.moderatorName ?? entry.moderatorEmail ?? 'a former moderator'}</td>
									<td>
										{ACTION_LABELS[entry.action]}
										{entry.reportsResolved > 0 ? ` (${entry.reportsResolved} report${entry.reportsResolved === 1 ? '' : 's'} resolved)` : ''}
									</td>
									<td>
										<Link to={templatePagePath(entry.templateSlug)}>{entry.templateTitle}</Link>
									</td>
									<td>{entry.reason}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</section>
	)
}
