/**
 * A card's poster: one image with its size known up front (no layout shift),
 * loaded lazily. The template's own thumbnail when it has one; otherwise the
 * generated artwork (/posters/:id.svg) with the title over it in page type.
 * The one place a card decides which picture to show.
 */
import { type ReactNode, useEffect, useState } from 'react'
import { generatedPosterPath, POSTER_HEIGHT, POSTER_WIDTH, renderedPosterSrcSet } from '#app/utils/poster-url.ts'

export function CardPoster({
	id,
	title,
	category,
	thumbnailUrl,
	posterLargeUrl,
	motionUrl,
	priority = false,
	children,
}: {
	id: string
	title: string
	category: string | null
	thumbnailUrl?: string | null
	/** The thumbnail (a rendered poster) 1280 wide, so a wide or dense screen gets it (docs/rendering.md). */
	posterLargeUrl?: string | null
	/** The rendered motion preview: played while the card is hovered or focused (app.css), never with reduced motion. */
	motionUrl?: string | null
	/**
	 * The first card of a grid: its poster is the page's largest paint on a phone, so it is fetched at once
	 * and before the other images instead of waiting for layout, as a lazy one does.
	 */
	priority?: boolean
	/** Badges drawn over the picture. */
	children?: ReactNode
}) {
	// Decided in the browser, after hydration: a visitor who asks to save data never downloads motion.
	const [motionWanted, setMotionWanted] = useState(false)
	useEffect(() => {
		setMotionWanted(!(navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData)
	}, [])
	return (
		// No inline gradient: the image is the artwork, and 24 cards' styles were 2 KiB of every gallery page.
		<div className="poster poster-card" aria-hidden="true">
			<img
				className="poster-image"
				src={thumbnailUrl ?? generatedPosterPath(id, category)}
				srcSet={thumbnailUrl && posterLargeUrl ? renderedPosterSrcSet(thumbnailUrl, posterLargeUrl) : undefined}
				sizes={thumbnailUrl && posterLargeUrl ? '(min-width: 720px) 320px, 100vw' : undefined}
				width={POSTER_WIDTH}
				height={POSTER_HEIGHT}
				alt=""
				// Lower case: React 18 passes it through as written (its camel-case name is React 19's).
				{...(priority ? { fetchpriority: 'high' } : { loading: 'lazy' })}
			/>
			{motionUrl && motionWanted ? (
				// Hidden until hover or focus, and lazy: the browser fetches it only when it is shown.
				<img className="poster-motion" src={motionUrl} width={POSTER_WIDTH} height={POSTER_HEIGHT} alt="" loading="lazy" decoding="async" />
			) : null}
			{thumbnailUrl ? null : <span className="poster-title">{title}</span>}
			{children}
		</div>
	)
}
