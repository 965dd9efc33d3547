/**
 * window.RemotionGoogleFonts.loadFont, the editor's font loader, on our own
 * fonts: `loadFont("Inter", { weights: ["400", "700"] })` or
 * `loadFont({ family: "Inter", weights })`. It returns a promise that
 * resolves once the faces are usable (never rejects: an unknown family or a
 * failed download leaves the scene on its fallback font, as in the editor),
 * carrying `fontFamily` and `waitUntilDone()` like @remotion/google-fonts.
 */
import { type SceneFont, findSceneFont, fontFileUrl, nearestFontWeight } from '../../../app/utils/scene-fonts.ts'

interface LoadFontOptions {
	family?: string
	fontFamily?: string
	weights?: Array<string | number>
	subsets?: string[]
}

const DEFAULT_WEIGHTS = ['400', '700']
const CSS_WEIGHT_KEYWORDS: Record<string, string> = { normal: '400', bold: '700' }
const unquote = (family: string) => family.replace(/^["']|["']$/g, '')

/** The document's face for this family and weight: the server's `@font-face` rule when it wrote one, else a new one. */
function faceFor(font: SceneFont, weight: number) {
	for (const face of document.fonts) {
		const faceWeight = CSS_WEIGHT_KEYWORDS[face.weight] ?? face.weight
		if (unquote(face.family) === font.family && faceWeight === String(weight) && face.style === 'normal') return face
	}
	const face = new FontFace(font.family, `url(${fontFileUrl(font, weight)}) format("woff2")`, { weight: String(weight), style: 'normal', display: 'block' })
	document.fonts.add(face)
	return face
}

function loadFont(familyOrOptions?: string | LoadFontOptions | null, options?: LoadFontOptions) {
	const fromObject = typeof familyOrOptions === 'object' && familyOrOptions !== null
	const family = fromObject ? (familyOrOptions.family ?? familyOrOptions.fontFamily ?? 'Inter') : String(familyOrOptions ?? 'Inter')
	const weights = (fromObject ? familyOrOptions.weights : undefined) ?? options?.weights ?? DEFAULT_WEIGHTS
	const font = findSceneFont(family)
	let done: Promise<void> = Promise.resolve()
	if (font) {
		const served = new Set(weights.map((weight) => nearestFontWeight(font, Number.parseInt(String(weight), 10) || 400)))
		done = Promise.all([...served].map((weight) => faceFor(font, weight).load())).then(
			() => undefined,
			(error: unknown) => console.warn(`Font ${font.family} could not be loaded`, error),
		)
	} else {
		console.warn(`Font "${family}" is not one of the preview's fonts; the scene falls back to its next font`)
	}
	return Object.assign(done, { fontFamily: font?.family ?? family, waitUntilDone: () => done })
}

Object.assign(window, { RemotionGoogleFonts: Object.freeze({ loadFont }) })
