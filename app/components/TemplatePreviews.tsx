/**
 * A template's scenes as live previews, with "play all": each scene in turn,
 * once from its first frame, then the next. Rendered in the template page's
 * `data-preview-slot` section.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { scenePosterPath } from '#app/utils/preview-url.ts'
import { framesToSeconds } from '#app/utils/format.ts'
import { ScenePreview } from './ScenePreview.tsx'
import '#app/styles/previews.css'
import type { Format } from '#app/vocabulary.ts'

export interface TemplatePreviewsProps {
	templateId: string
	formats: Format[]
	thumbnailUrl?: string | null
	/** The template's version, so previews of an updated template are never an earlier version's cached documents. */
	version?: number
	scenes: Array<{ index: number; title: string | null; duration: number }>
	/** Rendered posters by scene index (docs/rendering.md); they win over `thumbnailUrl`. */
	scenePosters?: Record<number, string>
}

/** Room for the frame to start before its scene's time counts (the runtime loading). */
const PLAY_ALL_GRACE_MS = 400

export function TemplatePreviews({ templateId, formats, thumbnailUrl, version, scenes, scenePosters = {} }: TemplatePreviewsProps) {
	const format = formats[0] ?? 'landscape'
	const [playing, setPlaying] = useState<{ position: number; run: number } | null>(null)
	const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
	const listRef = useRef<HTMLOListElement>(null)
	// Posters from `npm run posters` sit side by side; any other thumbnail only fits the first scene.
	const postersAreOurs = thumbnailUrl?.startsWith(`/posters/${templateId}/`) ?? false
	const posterFor = (index: number) => scenePosters[index] ?? (postersAreOurs ? scenePosterPath(templateId, index) : index === 0 ? thumbnailUrl : null)

	const stop = useCallback(() => {
		clearTimeout(timer.current)
		setPlaying(null)
	}, [])
	useEffect(() => () => clearTimeout(timer.current), [])

	const current = playing ? scenes[playing.position] : undefined
	const onFrameLoad = useCallback(() => {
		if (!current) return
		clearTimeout(timer.current)
		timer.current = setTimeout(
			() => setPlaying((state) => (state && state.position + 1 < scenes.length ? { position: state.position + 1, run: state.run + 1 } : null)),
			framesToSeconds(current.duration) * 1000 + PLAY_ALL_GRACE_MS,
		)
	}, [current, scenes.length])

	useEffect(() => {
		if (!playing) return
		const index = scenes[playing.position]?.index
		listRef.current?.querySelector(`[data-scene-index="${index}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
	}, [playing, scenes])

	return (
		<div className="template-previews">
			<div className="template-previews-bar">
				{scenes.length > 1 ? (
					playing ? (
						<button type="button" className="btn btn-secondary btn-small" onClick={stop}>
							Stop
						</button>
					) : (
						<button type="button" className="btn btn-secondary btn-small" onClick={() => setPlaying({ position: 0, run: 0 })}>
							Play all scenes
						</button>
					)
				) : null}
				<p role="status" aria-live="polite">
					{playing && current ? `Playing scene ${playing.position + 1} of ${scenes.length}: ${current.title ?? `Scene ${current.index + 1}`}` : ''}
				</p>
			</div>
			{/* One scene fills the stage; several keep the grid. */}
			<ol ref={listRef} className={`scene-previews scene-previews-${format}${scenes.length === 1 ? ' scene-previews-single' : ''}`}>
				{scenes.map((scene, position) => (
					<li key={scene.index}>
						<ScenePreview
							templateId={templateId}
							sceneIndex={scene.index}
							title={scene.title}
							duration={scene.duration}
							format={format}
							version={version}
							posterUrl={posterFor(scene.index)}
							playingFromStart={playing?.position === position}
							playRun={playing?.run}
							onFrameLoad={onFrameLoad}
						/>
					</li>
				))}
			</ol>
		</div>
	)
}
