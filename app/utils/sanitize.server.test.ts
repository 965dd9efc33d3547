import { describe, expect, test } from 'vitest'
import { descriptionText, sanitizeDescription } from './sanitize.server.ts'

describe('sanitizeDescription', () => {
	test('plain text becomes escaped paragraphs', () => {
		expect(sanitizeDescription('One <b>bold</b> & two\n\nSecond')).toBe('<p>One &lt;b&gt;bold&lt;/b&gt; &amp; two</p><p>Second</p>')
	})

	test('keeps paragraphs and links only, with rel nofollow ugc noopener', () => {
		const html = sanitizeDescription(
			'<p onclick="x()">Hi <a href="https://example.com" target="_blank" onmouseover="x()">site</a><script>alert(1)</script><img src=x onerror=alert(1)></p><h1>Big</h1><a href="javascript:alert(1)">bad</a><a href="//evil.example">pr</a>',
		)
		expect(html).toBe('<p>Hi <a href="https://example.com" rel="nofollow ugc noopener">site</a></p>Big<a rel="nofollow ugc noopener">bad</a><a rel="nofollow ugc noopener">pr</a>')
		expect(html).not.toMatch(/script|onerror|onclick|javascript:|<img|<h1/)
	})

	test('empty stays empty', () => {
		expect(sanitizeDescription(null)).toBe('')
		expect(sanitizeDescription('   ')).toBe('')
	})
})

test('descriptionText is one line of plain text, cut with an ellipsis', () => {
	expect(descriptionText('<p>Hello</p><p>world &amp; <a href="https://x.y">you</a></p>')).toBe('Helloworld & you')
	expect(descriptionText('a '.repeat(200), 20)).toHaveLength(20)
})
