/**
 * The preview runtime, running inside the sandboxed preview document
 * (`GET /preview/:templateId/:sceneIndex`). It exposes `window.React`,
 * `window.Remotion`, `window.ReactDOM` and `window.NativeAudio` the way the
 * Bazaar editor does (the editor's other globals are bundles of their own,
 * see src/libraries/ and docs/scene-runtime.md), takes the compiled scene
 * from the next script (`/preview/code/<hash>.js` calls
 * `BazaarPreview.defineScene`), and plays it in @remotion/player at the
 * format's size, scaled to the frame. Any failure becomes an error card.
 *
 * The document's `<body>` carries the settings as data attributes:
 * `data-width`, `data-height`, `data-fps`, `data-duration`, `data-frame`
 * (start frame), `data-autoplay`, `data-loop`, `data-controls`.
 * For tests and the poster script it reports back on `<html>`:
 * `data-preview-state` (`loading`, `ready`, `error`) and `data-frame`.
 */
import { Player, type PlayerRef } from '@remotion/player'
import React from 'react'
import { createRoot } from 'react-dom/client'
import * as RemotionExports from 'remotion'
import { installEditorGlobals } from './editor-globals.ts'
import { type SceneFailure, SceneErrorBoundary, failureFrom, guardSceneCallbacks } from './scene-errors.tsx'
import { COMPONENT_CANDIDATES_EXPORT } from '../../app/utils/scene-globals.ts'

type SceneComponent = React.ComponentType<Record<string, unknown>>
type SceneFactory = (exports: Record<string, unknown>, require: (name: string) => unknown, react: typeof React) => void
type PreviewFailure = SceneFailure

declare global {
	interface Window {
		React: typeof React
		Remotion: typeof RemotionExports
		BazaarPreview: {
			defineScene: (factory: SceneFactory) => void
			compileError: (message: string) => void
			/** Shows this frame (the render worker steps through a scene with it; see docs/rendering.md). */
			seekTo?: (frame: number) => void
		}
	}
}

const Remotion = Object.freeze({ ...RemotionExports })
window.React = React
window.Remotion = Remotion
installEditorGlobals()

/**
 * The scene's own React: JSX and `import … from "react"` go through it. For a
 * scene with copied media, the media bundle (loaded after this one, before the
 * scene) swaps remote URLs for our copies (src/scene-media.ts).
 */
function sceneModules(): Record<string, unknown> {
	return { react: window.sceneMediaReact?.(React) ?? React, remotion: Remotion }
}

let loaded: { component: SceneComponent } | { failure: PreviewFailure } | undefined
const failureListeners = new Set<(failure: PreviewFailure) => void>()
/** The first failure reported while playing; kept so a listener that subscribes later (the Preview's effect runs after a render error) still sees it. */
let reportedFailure: PreviewFailure | undefined
function fail(failure: PreviewFailure) {
	// The first report is the informative one; a muted "Script error." that follows it adds nothing.
	if (reportedFailure) return
	reportedFailure = failure
	if (!loaded || 'component' in loaded) loaded = { failure }
	document.documentElement.dataset.previewState = 'error'
	for (const listener of failureListeners) listener(failure)
}

window.BazaarPreview = {
	defineScene(factory) {
		try {
			const exports: Record<string, unknown> = {}
			const modules = sceneModules()
			const requireModule = (name: string) => {
				if (name in modules) return modules[name]
				throw new Error(`Scenes can only import "react" and "remotion", not "${name}"`)
			}
			factory(exports, requireModule, modules.react as typeof React)
			loaded = { component: withErrorBoundary(sceneComponent(exports)) }
		} catch (error) {
			loaded = { failure: failureFrom('This scene failed while loading', error) }
		}
	},
	compileError(message) {
		loaded = { failure: { title: 'This scene does not compile', message } }
	},
}

const isComponent = (value: unknown) => typeof value === 'function' || (typeof value === 'object' && value !== null && '$$typeof' in value)

/** The default export, or (like the editor) the last capitalised top-level declaration that is a component. */
function sceneComponent(exports: Record<string, unknown>): SceneComponent {
	if ('default' in exports) {
		if (!isComponent(exports.default)) throw new Error('The scene does not export a component as default')
		return exports.default as SceneComponent
	}
	const candidates = exports[COMPONENT_CANDIDATES_EXPORT]
	const component = Array.isArray(candidates) ? [...candidates].reverse().find(isComponent) : undefined
	if (!component) throw new Error('The scene has no component: export one as default, or declare it as a capitalised top-level function')
	return component as SceneComponent
}

function withErrorBoundary(Scene: SceneComponent): SceneComponent {
	const Guarded = (props: Record<string, unknown>) => (
		<SceneErrorBoundary onError={fail}>
			<Scene {...props} />
		</SceneErrorBoundary>
	)
	Guarded.displayName = 'SceneErrorBoundary'
	return Guarded
}

guardSceneCallbacks(fail)

// Errors outside React's render that no guard saw (a script the browser
// refuses to parse) still end in the card rather than a silent blank frame.
window.addEventListener('error', (event) => {
	fail(event.error ? failureFrom('This scene threw an error', event.error) : { title: 'This scene threw an error', message: event.message })
})

function ErrorCard({ failure }: { failure: PreviewFailure }) {
	return (
		<div className="error-card" role="alert">
			<strong>{failure.title}</strong>
			<pre>{failure.message}</pre>
		</div>
	)
}

function readSettings() {
	const data = document.body.dataset
	const number = (value: string | undefined, fallback: number) => (value && Number.isFinite(Number(value)) ? Number(value) : fallback)
	return {
		width: number(data.width, 1920),
		height: number(data.height, 1080),
		fps: number(data.fps, 30),
		duration: Math.max(1, number(data.duration, 150)),
		frame: number(data.frame, 0),
		autoplay: data.autoplay !== '0',
		loop: data.loop !== '0',
		controls: data.controls !== '0',
	}
}

function Preview({ component }: { component: SceneComponent }) {
	const settings = readSettings()
	const playerRef = React.useRef<PlayerRef>(null)
	const [failure, setFailure] = React.useState<PreviewFailure | null>(null)

	React.useEffect(() => {
		failureListeners.add(setFailure)
		const player = playerRef.current
		const html = document.documentElement
		if (reportedFailure) setFailure(reportedFailure)
		else html.dataset.previewState = 'ready'
		html.dataset.frame = String(player?.getCurrentFrame() ?? settings.frame)
		const onFrame = (event: { detail: { frame: number } }) => {
			html.dataset.frame = String(event.detail.frame)
		}
		const onError = (event: { detail: { error: Error } }) => fail(failureFrom('This scene threw an error', event.detail.error))
		player?.addEventListener('frameupdate', onFrame)
		player?.addEventListener('error', onError)
		// The render worker steps through the scene frame by frame without playing it in real time.
		window.BazaarPreview.seekTo = (frame) => {
			player?.seekTo(frame)
			html.dataset.frame = String(frame)
		}
		return () => {
			failureListeners.delete(setFailure)
			player?.removeEventListener('frameupdate', onFrame)
			player?.removeEventListener('error', onError)
		}
	}, [settings.frame])

	if (failure) return <ErrorCard failure={failure} />
	return (
		<Player
			ref={playerRef}
			component={component}
			durationInFrames={settings.duration}
			fps={settings.fps}
			compositionWidth={settings.width}
			compositionHeight={settings.height}
			initialFrame={Math.min(Math.max(0, settings.frame), settings.duration - 1)}
			autoPlay={settings.autoplay}
			loop={settings.loop}
			controls={settings.controls}
			clickToPlay={settings.controls}
			initiallyMuted
			// Otherwise the Player focuses its play button whenever playback starts or stops, and a
			// frame may take focus from the page around it: a keyboard user's focus would jump into
			// the preview, and Escape would no longer close the dialog that shows it.
			spaceKeyToPlayOrPause={false}
			acknowledgeRemotionLicense
			style={{ width: '100%', height: '100%' }}
			errorFallback={({ error }) => {
				queueMicrotask(() => (document.documentElement.dataset.previewState = 'error'))
				return <ErrorCard failure={failureFrom('This scene threw an error', error)} />
			}}
		/>
	)
}

function mount() {
	const container = document.getElementById('preview-root')
	if (!container) return
	const root = createRoot(container)
	if (!loaded) {
		loaded = { failure: { title: 'This scene could not be loaded', message: 'The compiled scene did not run: it may use syntax this browser rejects.' } }
	}
	if ('failure' in loaded) {
		document.documentElement.dataset.previewState = 'error'
		root.render(<ErrorCard failure={loaded.failure} />)
		return
	}
	root.render(<Preview component={loaded.component} />)
}

document.documentElement.dataset.previewState = 'loading'
// Deferred scripts run before DOMContentLoaded, so by then the scene script has called defineScene.
if (document.readyState === 'complete') mount()
else document.addEventListener('DOMContentLoaded', mount, { once: true })
