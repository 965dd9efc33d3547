/**
 * One scene's live preview: a still poster until the scene scrolls into view,
 * then the sandboxed preview document in an iframe. `sandbox="allow-scripts"`
 * and never `allow-same-origin`: the scene runs in an opaque origin with no
 * access to the site's cookies, storage or DOM (docs/previews.md).
 */
import { useEffect, useRef, useState } from 'react'
import { FORMAT_SIZES, previewDocumentUrl } from '#app/utils/preview-url.ts'
import { formatSeconds } from '#app/utils/format.ts'
import type { Format } from '#app/vocabulary.ts'

export interface ScenePreviewProps {
	templateId: string
	sceneIndex: number
	title: string | null
	/** Frames at 30 fps. */
	duration: number
	format: Format
	/** The template's version (in the document's address from version 2 on). */
	version?: number
	posterUrl?: string | null
	/** "Play all" is on this scene: play it once from the first frame. */
	playingFromStart?: boolean
	/** Changes to restart the scene when "play all" comes back to it. */
	playRun?: number
	onFrameLoad?: () => void
}

export function ScenePreview({
	templateId,
	sceneIndex,
	title,
	duration,
	format,
	version,
	posterUrl,
	playingFromStart = false,
	playRun = 0,
	onFrameLoad,
}: ScenePreviewProps) {
	const frameRef = useRef<HTMLDivElement>(null)
	const [inView, setInView] = useState(false)
	const { width, height } = FORMAT_SIZES[format]
	const label = title ?? `Scene ${sceneIndex + 1}`

	useEffect(() => {
		const element = frameRef.current
		if (inView || !element) return
		if (typeof IntersectionObserver === 'undefined') return setInView(true)
		const observer = new IntersectionObserver(
			(entries) => {
				if (entries.some((entry) => entry.isIntersecting)) {
					setInView(true)
					observer.disconnect()
				}
			},
			{ rootMargin: '200px' },
		)
		observer.observe(element)
		return () => observer.disconnect()
	}, [inView])

	const src = previewDocumentUrl(templateId, sceneIndex, playingFromStart ? { format, startFrame: 0, loop: false, version } : { format, version })
	return (
		<figure className="scene-preview" data-scene-index={sceneIndex} data-playing={playingFromStart ? '' : undefined}>
			<div ref={frameRef} className="scene-preview-frame" style={{ aspectRatio: `${width} / ${height}` }}>
				{inView || playingFromStart ? (
					<iframe
						key={playingFromStart ? `run-${playRun}` : 'loop'}
						src={src}
						title={`Preview: ${label}`}
						sandbox="allow-scripts"
						loading="lazy"
						referrerPolicy="no-referrer"
						onLoad={playingFromStart ? onFrameLoad : undefined}
					/>
				) : posterUrl ? (
					<img src={posterUrl} alt={`Still of ${label}`} loading="lazy" decoding="async" />
				) : (
					<div className="scene-preview-placeholder" aria-hidden="true">
						<span>{label}</span>
					</div>
				)}
			</div>
			<figcaption>
				<span className="scene-preview-number">{sceneIndex + 1}.</span> {label}{' '}
				<span className="scene-preview-duration">{formatSeconds(duration)}</span>
			</figcaption>
		</figure>
	)
}
