import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { FavoriteButton } from '#app/components/FavoriteButton.tsx'
import { db } from '#app/db/client.server.ts'
import { communityTemplateScenes, communityTemplates, users } from '#app/db/schema.ts'
import { requestContext } from '#app/models/event.server.ts'
import { FAVORITE_RATE_LIMIT, favoriteTemplate, findActiveTemplateId, isFavorite, unfavoriteTemplate } from '#app/models/favorite.server.ts'
import { copyTemplateIntoProject, USE_RATE_LIMIT, UseTemplateError } from '#app/models/project.server.ts'
import { redirectToSignInWithPendingFavorite, siteOrigin } from '#app/utils/auth.server.ts'
import { requireSameOrigin } from '#app/utils/csrf.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { apiError, invalidInput } from '#app/utils/http.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { getUserId, safeReturnTo } from '#app/utils/session.server.ts'

// ---------------------------------------------------------------------------
// Minimal template page (loader + component) so favorite/use can be exercised;
// the gallery issue owns the real page and replaces this part.
// ---------------------------------------------------------------------------

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.template.title} · Bazaar Community` : 'Template' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const [template] = await db
		.select({
			id: communityTemplates.id,
			slug: communityTemplates.slug,
			title: communityTemplates.title,
			description: communityTemplates.description,
			creatorName: users.name,
			favoritesCount: communityTemplates.favoritesCount,
			usesCount: communityTemplates.usesCount,
		})
		.from(communityTemplates)
		.leftJoin(users, eq(users.id, communityTemplates.ownerUserId))
		.where(eq(communityTemplates.slug, params.slug ?? ''))
		.limit(1)
	if (!template || !(await findActiveTemplateId(template.id))) throw new Response('Not found', { status: 404 })
	const templateScenes = await db
		.select({ index: communityTemplateScenes.sceneIndex, title: communityTemplateScenes.title })
		.from(communityTemplateScenes)
		.where(eq(communityTemplateScenes.templateId, template.id))
		.orderBy(asc(communityTemplateScenes.sceneIndex))
	const userId = await getUserId(request)
	return { template, scenes: templateScenes, favorited: userId ? await isFavorite(userId, template.id) : false }
}

export default function TemplatePage() {
	const { template, scenes, favorited } = useLoaderData<typeof loader>()
	return (
		<article className="template-page">
			<h1>{template.title}</h1>
			<p>
				By {template.creatorName ?? 'an unknown creator'} · {scenes.length} scenes · used {template.usesCount} times
			</p>
			{template.description ? <p>{template.description}</p> : null}
			<div className="template-actions">
				<FavoriteButton slug={template.slug} title={template.title} favorited={favorited} favoritesCount={template.favoritesCount} />
				<Form method="post">
					<input type="hidden" name="intent" value="use" />
					<button type="submit" className="button button-primary">
						Use template
					</button>
				</Form>
			</div>
			<ol>
				{scenes.map((scene) => (
					<li key={scene.index}>{scene.title}</li>
				))}
			</ol>
		</article>
	)
}

// ---------------------------------------------------------------------------
// The action (sign-in issue): intent = favorite | unfavorite | use.
// ---------------------------------------------------------------------------

const TemplateIntentSchema = z.object({
	intent: z.enum(['favorite', 'unfavorite', 'use']),
	/** Where a plain form post comes back to (same-site paths only). */
	returnTo: z.string().max(2048).optional(),
	/** Sent by the enhanced FavoriteButton: answer with JSON instead of a redirect. */
	response: z.literal('json').optional(),
})

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const parsed = TemplateIntentSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) throw invalidInput(parsed.error)
	const { intent, returnTo, response } = parsed.data
	const templateId = await findActiveTemplateId(params.slug ?? '')
	if (!templateId) throw new Response('Not found', { status: 404 })
	const pagePath = `/t/${params.slug}`

	const userId = await getUserId(request)
	if (!userId) {
		// Anonymous: sign in first; a favorite is carried in the session and done on sign-in.
		if (intent === 'favorite') return redirectToSignInWithPendingFavorite(request, templateId, pagePath)
		return redirect(`/login?returnTo=${encodeURIComponent(pagePath)}`)
	}
	const limit = await consumeRateLimit(intent === 'use' ? USE_RATE_LIMIT : FAVORITE_RATE_LIMIT, userId)
	if (!limit.allowed) {
		throw apiError('rate_limited', 'Too many requests. Try again shortly.', { headers: { 'Retry-After': String(limit.retryAfterSeconds) } })
	}
	const context = requestContext(request, userId)

	if (intent === 'use') {
		const copy = await copyTemplateIntoProject({ userId, templateId, mode: 'use', source: 'community_site', context, siteOrigin: siteOrigin(request) }).catch(
			(error: unknown) => {
				// Disabled between the lookup and the copy: gone, like any disabled template.
				throw error instanceof UseTemplateError ? new Response(error.message, { status: 404 }) : error
			},
		)
		return redirect(`${getEnv().BAZAAR_APP_URL.replace(/\/+$/, '')}/projects/${copy.projectId}/generate`)
	}
	const toggle = intent === 'favorite' ? favoriteTemplate : unfavoriteTemplate
	const result = await toggle(userId, templateId, { source: 'community_site', context })
	if (response === 'json') return { favorited: result.favorited, favoritesCount: result.favoritesCount }
	return redirect(safeReturnTo(returnTo, pagePath))
}
