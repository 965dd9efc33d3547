/**
 * `GET/POST /t/:slug/report`: a signed-in user reports a template to the
 * moderators (a reason from a short list plus free text). One open report per
 * user and template; rate-limited per user. Its own route (not nested in the
 * template page, whose route another module owns).
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { REPORT_REASONS } from '#app/vocabulary.ts'
import {
	ModerationError,
	findActiveTemplateBySlug,
	reportTemplate,
} from '#app/models/moderation.server.ts'
import { REPORT_DETAILS_MAX_LENGTH, REPORT_REASON_LABELS } from '#app/models/page-constants.ts'
import { normalizeDescription } from '#app/models/template-metadata.ts'
import { formPageHeaders, notFound, rateLimitedInit, readFormData } from '#app/utils/http.server.ts'
import { creatorStylesLinks } from '#app/utils/creator-styles.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { requireUser } from '#app/models/auth.server.ts'
import { templatePagePath } from '#app/utils/page-urls.ts'

export const links = creatorStylesLinks
// A refused report's Retry-After reaches the browser with the page that says why.
export const headers = formPageHeaders
export const meta: MetaFunction = () => [{ title: 'Report a template · Bazaar Community' }, { name: 'robots', content: 'noindex' }]

export const REPORT_RATE_LIMIT = { name: 'report', points: 10, durationSeconds: 60 * 60 }

async function loadReportable(request: Request, slug: string | undefined) {
	const user = await requireUser(request)
	const template = slug ? await findActiveTemplateBySlug(slug) : null
	if (!template) notFound()
	if (template.ownerUserId === user.id) throw new Response('You cannot report your own template.', { status: 403 })
	return { user, template }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { template } = await loadReportable(request, params.slug)
	return { template: { slug: template.slug, title: template.title } }
}

const ReportFormSchema = z.object({
	reason: z.enum(REPORT_REASONS, { error: 'Choose a reason' }),
	details: z
		.string()
		.optional()
		.transform((value) => normalizeDescription(value ?? ''))
		.pipe(z.string().max(REPORT_DETAILS_MAX_LENGTH, `At most ${REPORT_DETAILS_MAX_LENGTH} characters`)),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const { user, template } = await loadReportable(request, params.slug)
	const parsed = ReportFormSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) {
		return data({ ok: false as const, message: parsed.error.issues.map((issue) => issue.message).join('. ') }, { status: 400 })
	}
	const limit = await consumeRateLimit(REPORT_RATE_LIMIT, user.id)
	if (!limit.allowed) {
		const minutes = Math.ceil(limit.retryAfterSeconds / 60)
		return data(
			{ ok: false as const, message: `You have sent many reports recently. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` },
			rateLimitedInit(limit.retryAfterSeconds),
		)
	}
	try {
		await reportTemplate({ templateId: template.id, reporterUserId: user.id, reason: parsed.data.reason, details: parsed.data.details })
	} catch (error) {
		if (error instanceof ModerationError && error.code === 'conflict') return data({ ok: false as const, message: error.message }, { status: 409 })
		throw error
	}
	return { ok: true as const, message: 'Thank you. A moderator will look at this template.' }
}

export default function ReportTemplatePage() {
	const { template } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	return (
		<section className="creators-page">
			<h1>Report “{template.title}”</h1>
			{result ? (
				<p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'notice notice-success' : 'notice notice-danger'}>
					{result.message}
				</p>
			) : null}
			{result?.ok ? (
				<p>
					<Link to={templatePagePath(template.slug)}>Back to the template</Link>
				</p>
			) : (
				<Form method="post" className="stacked-form">
					<fieldset className="field">
						<legend>What is wrong with it?</legend>
						<div className="choice-column">
							{REPORT_REASONS.map((reason) => (
								<label key={reason}>
									<input type="radio" name="reason" value={reason} required /> {REPORT_REASON_LABELS[reason]}
								</label>
							))}
						</div>
					</fieldset>
					<div className="field">
						<label htmlFor="report-details">Details (optional)</label>
						<textarea id="report-details" name="details" rows={4} maxLength={REPORT_DETAILS_MAX_LENGTH} />
					</div>
					<p>
						<button type="submit" className="btn btn-primary">
							Send the report
						</button>{' '}
						<Link to={templatePagePath(template.slug)}>Cancel</Link>
					</p>
				</Form>
			)}
		</section>
	)
}
