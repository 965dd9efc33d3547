/**
 * The part of a template's render that every list and page shows (status,
 * poster, social image, motion preview), built from the columns the template
 * queries select. Kept apart from the renderer so pages never load Chromium's
 * client or sharp. See docs/rendering.md.
 */
import type { RenderStatus } from '#app/vocabulary.ts'
import { mediaFileUrl } from './scene-media.server.ts'

export interface RenderSummary {
	status: RenderStatus
	/** The first scene's poster, 640 wide; null until a render made one. */
	posterUrl: string | null
	/** The same poster 1280 wide, for wide and dense screens (`renderedPosterSrcSet`). */
	posterLargeUrl: string | null
	posterWidth: number | null
	posterHeight: number | null
	/** 1200×630, for og:image. */
	socialImageUrl: string | null
	/** The first seconds of the first scene, an animated WebP (loops, no sound). */
	motionUrl: string | null
}

/** What the SQL below selects for one template (null when it was never queued). */
export interface RenderSummaryRow {
	status: RenderStatus
	poster640: string | null
	poster1280: string | null
	width: number | null
	height: number | null
	social: string | null
	motion: string | null
}

export function renderSummaryFrom(row: RenderSummaryRow | null | undefined): RenderSummary {
	const poster640 = row?.poster640 ?? null
	const poster1280 = row?.poster1280 ?? null
	const width = Number(row?.width) || null
	const height = Number(row?.height) || null
	return {
		status: row?.status ?? 'pending',
		posterUrl: poster640 ? mediaFileUrl(poster640) : null,
		posterLargeUrl: poster640 && poster1280 ? mediaFileUrl(poster1280) : null,
		posterWidth: poster640 ? 640 : null,
		posterHeight: poster640 && width && height ? Math.round((height * 640) / width) : null,
		socialImageUrl: row?.social ? mediaFileUrl(row.social) : null,
		motionUrl: row?.motion ? mediaFileUrl(row.motion) : null,
	}
}
