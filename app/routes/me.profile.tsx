/**
 * `GET/POST /me/profile`: the signed-in user's public profile: `handle`,
 * `bio`, `links` (one URL a line). Each refused field says why beside it and
 * nothing is saved; success comes back here with the public address.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { FieldError } from '#app/components/TemplateMetadataFields.tsx'
import { CreatorProfileSchema, creatorProfileFromForm, submittedProfileDefaults } from '#app/models/creator-profile.ts'
import { BIO_MAX_LENGTH, HANDLE_MAX_LENGTH, HANDLE_MIN_LENGTH, MAX_LINKS } from '#app/models/creator-profile-limits.ts'
import { getProfileForEditing, saveCreatorProfile } from '#app/models/creator-profile.server.ts'
import { type FieldErrors, fieldErrors } from '#app/models/template-metadata.ts'
import { creatorStylesLinks } from '#app/utils/creator-styles.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'
import { requireUser } from '#app/models/auth.server.ts'
import { creatorProfilePath } from '#app/utils/page-urls.ts'

export const links = creatorStylesLinks
export const meta: MetaFunction = () => [{ title: 'Your profile · Bazaar Community' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const profile = await getProfileForEditing(user.id)
	if (!profile) throw new Response('Not found', { status: 404 })
	return {
		profile: { handle: profile.handle, handleChosen: profile.handleChosen, bio: profile.bio, links: profile.links.join('\n'), name: profile.name },
		origin: publicOrigin(request),
	}
}

type ProfileFailure = { errors: FieldErrors; values: ReturnType<typeof submittedProfileDefaults> }

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const submitted = creatorProfileFromForm(await readFormData(request))
	const values = submittedProfileDefaults(submitted)
	const parsed = CreatorProfileSchema.safeParse(submitted)
	if (!parsed.success) return data<ProfileFailure>({ errors: fieldErrors(parsed.error), values }, { status: 400 })
	const saved = await saveCreatorProfile(user.id, parsed.data)
	if (!saved.ok) return data<ProfileFailure>({ errors: { handle: ['This handle is taken; choose another'] }, values }, { status: 409 })
	return redirect('/me/profile?saved=1')
}

export default function ProfileEditor() {
	const { profile, origin } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const errors = result?.errors
	const values = result?.values ?? { handle: profile.handle, bio: profile.bio, links: profile.links }
	const invalid = (field: string) => (errors?.[field]?.length ? { 'aria-invalid': true as const, 'aria-describedby': `${field}-error` } : {})
	const publicPath = creatorProfilePath(profile.handle)
	return (
		<section className="creators-page">
			<h1>Your profile</h1>
			{searchParams.get('saved') && !result ? (
				<p className="notice" role="status">
					Saved. Your public profile is at <Link to={publicPath}>{`${origin}${publicPath}`}</Link>.
				</p>
			) : null}
			{!profile.handleChosen ? (
				<p className="field-hint">
					Until you choose a handle, your profile uses <strong>{profile.handle}</strong>, made from your name.
				</p>
			) : (
				<p className="field-hint">
					Your public profile: <Link to={publicPath}>{`${origin}${publicPath}`}</Link>
				</p>
			)}
			<Form method="post" className="stacked-form">
				<div className="field">
					<label htmlFor="handle">Handle</label>
					<input
						id="handle"
						name="handle"
						type="text"
						required
						autoComplete="username"
						spellCheck={false}
						defaultValue={values.handle}
						{...invalid('handle')}
					/>
					<p className="field-hint">
						{HANDLE_MIN_LENGTH}–{HANDLE_MAX_LENGTH} characters: letters a–z, digits and dashes. Your profile lives at {origin}/creators/
						<em>handle</em>; changing the handle changes that address.
					</p>
					<FieldError id="handle-error" messages={errors?.handle} />
				</div>
				<div className="field">
					<label htmlFor="bio">Bio</label>
					<textarea id="bio" name="bio" rows={4} defaultValue={values.bio} {...invalid('bio')} />
					<p className="field-hint">Plain text, at most {BIO_MAX_LENGTH} characters.</p>
					<FieldError id="bio-error" messages={errors?.bio} />
				</div>
				<div className="field">
					<label htmlFor="links">Links</label>
					<textarea id="links" name="links" rows={MAX_LINKS} spellCheck={false} defaultValue={values.links} {...invalid('links')} />
					<p className="field-hint">One https:// address a line, at most {MAX_LINKS}.</p>
					<FieldError id="links-error" messages={errors?.links} />
				</div>
				<p>
					<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
						Save profile
					</button>{' '}
					<Link to="/me/templates">Your templates</Link>
				</p>
			</Form>
		</section>
	)
}
