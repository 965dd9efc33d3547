/**
 * `GET/POST /publish`: publish one of your projects (all or chosen scenes) as
 * a template. Fields (docs/architecture.md): projectId, sceneIds (repeated, in order; all
 * when absent), title, description, category, tags, formats, visibility.
 * Success redirects to the new template's page.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ProjectChooser } from '#app/components/ProjectChooser.tsx'
import { SceneChoiceFields } from '#app/components/SceneChoiceFields.tsx'
import { TemplateMetadataFields } from '#app/components/TemplateMetadataFields.tsx'
import { listProjectsForPublishing, publishTemplate } from '#app/models/publish.server.ts'
import { type FailingScene, SceneChoiceSchema, publishingQuota, publishingWaitMessage, sceneChoiceFromForm } from '#app/models/scene-snapshots.server.ts'
import { type FieldErrors, TemplateMetadataSchema, fieldErrors, submittedMetadataDefaults, templateMetadataFromForm } from '#app/models/template-metadata.ts'
import { formPageHeaders, rateLimitedInit, readFormData } from '#app/utils/http.server.ts'
import { creatorStylesLinks } from '#app/utils/creator-styles.ts'
import { requireUser } from '#app/models/auth.server.ts'
import { templatePagePath } from '#app/utils/page-urls.ts'

export const links = creatorStylesLinks
export const headers = formPageHeaders
export const meta: MetaFunction = () => [{ title: 'Publish a template · Bazaar Community' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const projects = await listProjectsForPublishing(user.id)
	const requested = new URL(request.url).searchParams.get('projectId')
	const selected = projects.find((project) => project.id === requested) ?? (projects.length === 1 ? projects[0] : undefined)
	return {
		projects: projects.map(({ id, title, scenes }) => ({ id, title, sceneCount: scenes.length })),
		selected: selected ? { id: selected.id, title: selected.title, scenes: selected.scenes.map(({ id, name, duration }) => ({ id, name, duration })) } : null,
	}
}

type PublishFailure = {
	errors: FieldErrors
	sceneErrors?: FailingScene[]
	values: ReturnType<typeof submittedMetadataDefaults> & { sceneIds: string[] }
	message?: string
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const form = await readFormData(request)
	const submitted = templateMetadataFromForm(form)
	const choice = sceneChoiceFromForm(form)
	const values = { ...submittedMetadataDefaults(submitted), sceneIds: choice.sceneIds }
	const target = SceneChoiceSchema.safeParse(choice)
	const metadata = TemplateMetadataSchema.safeParse(submitted)
	if (!target.success || !metadata.success) {
		const errors = { ...(target.success ? {} : fieldErrors(target.error)), ...(metadata.success ? {} : fieldErrors(metadata.error)) }
		return data<PublishFailure>({ errors, values }, { status: 400 })
	}
	const result = await publishTemplate(
		{ ownerUserId: user.id, projectId: target.data.projectId, sceneIds: target.data.sceneIds, metadata: metadata.data },
		{ checkQuota: publishingQuota(user.id) },
	)
	if (result.ok) return redirect(templatePagePath(result.template.slug))
	switch (result.reason) {
		case 'project_not_found':
			throw new Response('Project not found', { status: 404 })
		case 'invalid_scenes':
			return data<PublishFailure>({ errors: { sceneIds: [result.message] }, values }, { status: 400 })
		case 'scene_errors':
			return data<PublishFailure>(
				{ errors: { sceneIds: [`${result.scenes.length} scene${result.scenes.length === 1 ? '' : 's'} cannot be published yet. Nothing was saved.`] }, sceneErrors: result.scenes, values },
				{ status: 400 },
			)
		case 'rate_limited':
			return data<PublishFailure>(
				{ errors: {}, values, message: publishingWaitMessage(result.retryAfterSeconds, 'publish') },
				rateLimitedInit(result.retryAfterSeconds),
			)
	}
}

export default function PublishPage() {
	const { projects, selected } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const navigation = useNavigation()
	const chosenScenes = result?.values.sceneIds
	return (
		<section className="creators-page">
			<h1>Publish a template</h1>
			{projects.length === 0 ? (
				<p className="muted">You have no project yet. Make one in the Bazaar editor, then come back to publish it.</p>
			) : (
				<ProjectChooser projects={projects} selectedId={selected?.id} />
			)}
			{result?.message ? (
				<p className="notice notice-danger" role="alert">
					{result.message}
				</p>
			) : null}
			{selected ? (
				<Form method="post" className="stacked-form">
					<input type="hidden" name="projectId" value={selected.id} />
					<SceneChoiceFields
						projectTitle={selected.title}
						scenes={selected.scenes}
						hint="All are published when none is ticked."
						chosen={chosenScenes}
						failures={result?.sceneErrors}
						errors={result?.errors.sceneIds ?? result?.errors.projectId}
					/>
					<TemplateMetadataFields defaults={result?.values ?? { title: selected.title }} errors={result?.errors} />
					<p>
						<button type="submit" className="btn btn-primary" disabled={navigation.state === 'submitting'}>
							Publish
						</button>{' '}
						<Link to="/me/templates">Your templates</Link>
					</p>
				</Form>
			) : null}
		</section>
	)
}
