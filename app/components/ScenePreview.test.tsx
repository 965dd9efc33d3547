import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { ScenePreview } from './ScenePreview.tsx'

const props = { templateId: '6f1c0000-0000-4000-8000-000000000001', sceneIndex: 1, title: 'Intro', duration: 90, format: 'portrait' as const }

test('before it is in view: a poster (or placeholder), no frame', () => {
	expect(renderToStaticMarkup(<ScenePreview {...props} posterUrl="/posters/x/1.jpg" />)).toMatch(/<img src="\/posters\/x\/1.jpg"/)
	const placeholder = renderToStaticMarkup(<ScenePreview {...props} />)
	expect(placeholder).toContain('scene-preview-placeholder')
	expect(placeholder).not.toContain('<iframe')
	expect(placeholder).toContain('aspect-ratio:1080 / 1920')
})

test('the frame is sandboxed with allow-scripts only, never allow-same-origin', () => {
	const html = renderToStaticMarkup(<ScenePreview {...props} playingFromStart />)
	const iframe = html.match(/<iframe[^>]*>/)?.[0] ?? ''
	expect(iframe).toContain('sandbox="allow-scripts"')
	expect(iframe).not.toContain('allow-same-origin')
	expect(iframe).toContain(`src="/preview/${props.templateId}/1?format=portrait&amp;loop=0&amp;start=0"`)
	expect(iframe).toContain('loading="lazy"')
})
