// The core globals the editor gives every scene besides React and Remotion
// (set in runtime.tsx). The libraries a scene may read are separate bundles
// (src/libraries/), loaded only when the scene reads their globals.
import ReactDOM from 'react-dom'

export function installEditorGlobals() {
	// Remotion's <Audio> shadows the name in scenes; the editor keeps the browser's own constructor here.
	Object.assign(window, { ReactDOM, NativeAudio: window.Audio })
}
