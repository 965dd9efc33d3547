import { useFetcher } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { templatePagePath } from '#app/utils/page-urls.ts'

interface FavoriteButtonProps {
	slug: string
	title: string
	favorited: boolean
	favoritesCount: number
	/** Where a plain (no-JS) form post comes back to; the template page by default. */
	returnTo?: string
}

/**
 * Favorite toggle. Without JavaScript it is a plain form post to `/t/:slug`
 * (which redirects back). With JavaScript it posts through a fetcher, shows the
 * new state at once (optimistic) and asks for a JSON answer instead of a redirect.
 */
export function FavoriteButton({ slug, title, favorited, favoritesCount, returnTo }: FavoriteButtonProps) {
	const fetcher = useFetcher<{ favorited: boolean; favoritesCount: number }>()
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])

	const pendingIntent = fetcher.formData?.get('intent')
	const optimisticFavorited = pendingIntent ? pendingIntent === 'favorite' : (fetcher.data?.favorited ?? favorited)
	const settledCount = fetcher.data?.favoritesCount ?? favoritesCount
	const settledFavorited = fetcher.data?.favorited ?? favorited
	const optimisticCount = Math.max(0, settledCount + (optimisticFavorited === settledFavorited ? 0 : optimisticFavorited ? 1 : -1))

	return (
		<fetcher.Form method="post" action={templatePagePath(slug)} className="favorite-form">
			<input type="hidden" name="intent" value={optimisticFavorited ? 'unfavorite' : 'favorite'} />
			{returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
			{hydrated ? <input type="hidden" name="response" value="json" /> : null}
			<button
				type="submit"
				className={`btn btn-secondary btn-block favorite-button${optimisticFavorited ? ' is-active is-favorited' : ''}`}
				aria-pressed={optimisticFavorited}
				aria-label={`${optimisticFavorited ? 'Remove from favorites' : 'Add to favorites'}: ${title}`}
			>
				<span aria-hidden="true">{optimisticFavorited ? '♥' : '♡'}</span> {optimisticFavorited ? 'Favorited' : 'Favorite'}{' '}
				<span className="favorite-count" data-testid="favorite-count">
					{optimisticCount}
				</span>
			</button>
		</fetcher.Form>
	)
}
