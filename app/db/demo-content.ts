/**
 * The demo storefront: a handful of users and the community templates they
 * published, each with real Remotion scenes built from `demo-scenes.ts`.
 * `seed.server.ts` turns this into rows; tests check the structural rules
 * (categories, formats, one unlisted, one disabled, one admin).
 */
import type { CategorySlug } from '#app/vocabulary.ts'
import {
	barChart,
	checklist,
	confetti,
	countdown,
	donutChart,
	kineticTitle,
	lineChart,
	logoReveal,
	lowerThird,
	menuBoard,
	neonTitle,
	orbitLoop,
	productCard,
	quoteTypewriter,
	splitWipe,
	statCounter,
	stepsTimeline,
	stripeWipe,
	subscribeCta,
} from './demo-scenes.ts'
import type { Format, Status, Visibility } from '#app/vocabulary.ts'

export interface DemoUser {
	key: string
	id: string
	name: string
	email: string
	image: string | null
	isAdmin: boolean
}

export interface DemoScene {
	title: string
	tsxCode: string
	duration: number
	previewFrame: number
}

export interface DemoTemplate {
	slug: string
	title: string
	description: string
	category: CategorySlug
	tags: string[]
	formats: Format[]
	visibility: Visibility
	status: Status
	/** A `DemoUser.key`. */
	ownerKey: string
	/** 0..1, drives how many synthetic events it gets. */
	popularity: number
	/** Created this many days ago (0..60). */
	ageDays: number
	/** 1 to 4 scenes. */
	scenes: DemoScene[]
}

export const DEMO_USERS: DemoUser[] = [
	{ key: 'admin', id: 'demo-admin', name: 'Bazaar Team', email: 'admin@bazaar.example', image: null, isAdmin: true },
	{ key: 'maya', id: 'demo-maya', name: 'Maya Chen', email: 'maya@bazaar.example', image: null, isAdmin: false },
	{ key: 'leo', id: 'demo-leo', name: 'Leo Martins', email: 'leo@bazaar.example', image: null, isAdmin: false },
	{ key: 'sofia', id: 'demo-sofia', name: 'Sofía Reyes', email: 'sofia@bazaar.example', image: null, isAdmin: false },
	{ key: 'kai', id: 'demo-kai', name: 'Kai Nakamura', email: 'kai@bazaar.example', image: null, isAdmin: false },
]

const ALL_FORMATS: Format[] = ['landscape', 'portrait', 'square']

type TemplateInput = Omit<DemoTemplate, 'visibility' | 'status'> & Partial<Pick<DemoTemplate, 'visibility' | 'status'>>

const template = (input: TemplateInput): DemoTemplate => ({ visibility: 'public', status: 'active', ...input })

export const DEMO_TEMPLATES: DemoTemplate[] = [
	template({
		slug: 'logo-animation',
		title: 'Logo Animation',
		description:
			'A crisp logo sting: three shapes collide, a ring bursts and your wordmark slides out beside the mark. Swap the brand name and colors and it is ready for any intro.',
		category: 'intros',
		tags: ['logo', 'intro', 'brand', 'reveal'],
		formats: ALL_FORMATS,
		ownerKey: 'maya',
		popularity: 0.95,
		ageDays: 41,
		scenes: [logoReveal({ name: 'Logo sting', brand: 'Northwind', tagline: 'Ideas in motion' })],
	}),
	template({
		slug: 'gradient-title-reveal',
		title: 'Gradient Title Reveal',
		description:
			'Bold kinetic typography over a slowly turning gradient. Every letter springs into place, then an underline sweeps in under the headline.',
		category: 'titles',
		tags: ['typography', 'gradient', 'kinetic', 'title'],
		formats: ALL_FORMATS,
		ownerKey: 'maya',
		popularity: 0.82,
		ageDays: 33,
		scenes: [
			kineticTitle({ name: 'Headline', title: 'Make Something Bold', subtitle: 'A fresh start for your next story' }),
			kineticTitle({
				name: 'Second headline',
				title: 'Stories That Move',
				subtitle: 'Motion graphics without the keyframes',
				eyebrow: 'Chapter two',
				colors: ['#0ea5e9', '#6366f1', '#a855f7'],
			}),
		],
	}),
	template({
		slug: 'startup-launch-intro',
		title: 'Startup Launch Intro',
		description:
			'Three scenes for a product launch: an orbiting background with your launch date, a kinetic announcement and a logo sting to close.',
		category: 'intros',
		tags: ['launch', 'startup', 'intro', 'tech'],
		formats: ['landscape', 'square'],
		ownerKey: 'leo',
		popularity: 0.7,
		ageDays: 18,
		scenes: [
			orbitLoop({ name: 'Launch orbit', title: 'Launch Day', subtitle: 'March 14 · Live online', duration: 150 }),
			kineticTitle({
				name: 'Announcement',
				title: 'Meet Orbitly 2.0',
				subtitle: 'Plan, ship and celebrate in one place',
				eyebrow: 'Introducing',
				colors: ['#1e1b4b', '#7c3aed', '#22d3ee'],
			}),
			logoReveal({
				name: 'Closing logo',
				brand: 'Orbitly',
				tagline: 'Ship it together',
				colors: { bg1: '#0c0a1f', bg2: '#2e1065', a: '#8b5cf6', b: '#22d3ee', c: '#f0abfc' },
			}),
		],
	}),
	template({
		slug: 'quarterly-results-dashboard',
		title: 'Quarterly Results Dashboard',
		description:
			'Turn a quarterly report into a one-minute video: a headline number, monthly bars, a growth curve and a channel breakdown.\n\nEvery figure lives in a plain array at the top of each scene, so updating next quarter takes a minute.',
		category: 'data',
		tags: ['dashboard', 'report', 'charts', 'business'],
		formats: ['landscape', 'square'],
		ownerKey: 'kai',
		popularity: 0.62,
		ageDays: 26,
		scenes: [
			statCounter({
				name: 'Headline number',
				value: 4.82,
				decimals: 2,
				prefix: '$',
				suffix: 'M',
				label: 'Q3 revenue',
				caption: 'Annual target',
				percent: 72,
				badge: '▲ 18% quarter over quarter',
			}),
			barChart({
				name: 'Monthly revenue',
				title: 'Revenue by month',
				subtitle: 'Q1 to Q3, in thousands of dollars',
				prefix: '$',
				suffix: 'k',
				data: [
					{ label: 'Jan', value: 410 },
					{ label: 'Feb', value: 455 },
					{ label: 'Mar', value: 502 },
					{ label: 'Apr', value: 480 },
					{ label: 'May', value: 560 },
					{ label: 'Jun', value: 611 },
					{ label: 'Jul', value: 594 },
					{ label: 'Aug', value: 652 },
					{ label: 'Sep', value: 718 },
				],
			}),
			lineChart({
				name: 'Active customers',
				title: 'Active customers',
				subtitle: 'Weekly average, in thousands',
				prefix: '',
				suffix: 'k',
				decimals: 1,
				labels: ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8'],
				values: [8.2, 8.9, 8.6, 9.8, 10.4, 10.1, 11.6, 12.9],
				colors: { line1: '#34d399', line2: '#60a5fa' },
			}),
			donutChart({
				name: 'Revenue by channel',
				title: 'Revenue by channel',
				segments: [
					{ label: 'Direct', value: 44, color: '#60a5fa' },
					{ label: 'Partners', value: 27, color: '#a78bfa' },
					{ label: 'Marketplace', value: 18, color: '#34d399' },
					{ label: 'Other', value: 11, color: '#fbbf24' },
				],
			}),
		],
	}),
	template({
		slug: 'revenue-growth-line-chart',
		title: 'Revenue Growth Line Chart',
		description:
			'A smooth line chart that draws itself while a live readout follows the pen. The growth badge is computed from your first and last values.\n\nFormatting tips for the data arrays: https://bazaar.example/docs/chart-scenes',
		category: 'data',
		tags: ['chart', 'growth', 'line', 'finance'],
		formats: ALL_FORMATS,
		ownerKey: 'kai',
		popularity: 0.45,
		ageDays: 12,
		scenes: [lineChart({ name: 'Growth curve' })],
	}),
	template({
		slug: 'subscribe-button-pulse',
		title: 'Subscribe Button Pulse',
		description:
			'The classic end-card call to action: a pulsing subscribe button, a cursor that clicks it and a ringing bell. Built for Shorts, Reels and TikTok.',
		category: 'social',
		tags: ['subscribe', 'cta', 'youtube', 'button'],
		formats: ['portrait', 'square'],
		ownerKey: 'sofia',
		popularity: 0.88,
		ageDays: 37,
		scenes: [subscribeCta({ name: 'Subscribe CTA' })],
	}),
	template({
		slug: 'story-countdown-3-2-1',
		title: 'Story Countdown 3-2-1',
		description: 'A punchy vertical countdown with a sweeping ring, color changes on every beat and a burst on the final word.',
		category: 'social',
		tags: ['countdown', 'stories', 'vertical'],
		formats: ['portrait'],
		ownerKey: 'sofia',
		popularity: 0.55,
		ageDays: 2,
		scenes: [countdown({ name: 'Countdown', finale: 'LIVE!', label: 'Going live in' })],
	}),
	template({
		slug: 'cafe-menu-promo',
		title: 'Café Menu Promo',
		description:
			'A cosy promo for cafés and bakeries: a warm logo sting, a chalkboard menu with prices and a steaming drink of the day.',
		category: 'promo',
		tags: ['cafe', 'menu', 'food', 'restaurant'],
		formats: ALL_FORMATS,
		ownerKey: 'sofia',
		popularity: 0.66,
		ageDays: 21,
		scenes: [
			logoReveal({
				name: 'Café logo',
				brand: 'Café Lumière',
				tagline: 'Coffee · Pastries · Friends',
				colors: { bg1: '#1c120c', bg2: '#4a2c1a', a: '#d97706', b: '#f4b860', c: '#fb7185', text: '#fff7ed' },
			}),
			menuBoard({ name: 'Chalkboard menu' }),
			productCard({
				name: 'Drink of the day',
				kind: 'cup',
				product: 'Crème Brûlée Latte',
				tagline: 'Torched sugar, vanilla bean, double shot',
				badge: 'Drink of the day',
				price: '€5.10',
				oldPrice: '',
				features: ['Oat milk', 'Iced or hot'],
				cta: 'Order ahead',
				colors: { bg1: '#fff7ed', bg2: '#fde7c7', accent: '#b45309', p1: '#f59e0b', p2: '#92400e', tag: '#be123c', text: '#1c1917' },
			}),
		],
	}),
	template({
		slug: 'product-showcase-card',
		title: 'Product Showcase Card',
		description:
			'Show off a product on a soft studio plinth with a swinging price tag, feature chips and a call to action. Two variations included.',
		category: 'promo',
		tags: ['product', 'ecommerce', 'sale', 'showcase'],
		formats: ALL_FORMATS,
		ownerKey: 'leo',
		popularity: 0.74,
		ageDays: 29,
		scenes: [
			productCard({ name: 'Headphones' }),
			productCard({
				name: 'Smartwatch',
				kind: 'watch',
				product: 'Pulse Watch S2',
				tagline: 'Your health, at a glance',
				badge: 'Limited drop',
				price: '$249',
				oldPrice: '$299',
				features: ['7-day battery', 'GPS', 'Swim-proof'],
				cta: 'Pre-order',
				colors: { bg1: '#ecfeff', bg2: '#d1fae5', accent: '#0f766e', p1: '#2dd4bf', p2: '#0f766e', tag: '#f97316' },
			}),
		],
	}),
	template({
		slug: 'flash-sale-countdown',
		title: 'Flash Sale Countdown',
		description: 'A square ad for feeds: count down to the sale, then reveal the deal with a big price tag.',
		category: 'promo',
		tags: ['sale', 'countdown', 'ad', 'ecommerce'],
		formats: ['square'],
		ownerKey: 'leo',
		popularity: 0.38,
		ageDays: 0,
		scenes: [
			countdown({
				name: 'Sale countdown',
				finale: 'SALE!',
				label: 'Flash sale in',
				colors: { backgrounds: ['#0f766e', '#0891b2', '#2563eb'], finale: '#be123c', ring: '#fde047', text: '#ffffff' },
			}),
			productCard({
				name: 'The deal',
				kind: 'bottle',
				product: 'Trail Bottle',
				tagline: 'Keeps drinks cold for 24 hours',
				badge: '48 hours only',
				price: '$19',
				oldPrice: '$32',
				features: ['Steel', 'BPA free'],
				cta: 'Grab the deal',
				colors: { bg1: '#f0fdf4', bg2: '#dcfce7', accent: '#15803d', p1: '#4ade80', p2: '#15803d', tag: '#e11d48' },
			}),
		],
	}),
	template({
		slug: 'clean-lower-third',
		title: 'Clean Lower Third',
		description: 'A broadcast-style name and role bar that wipes in, holds and wipes out again. Works over any footage.',
		category: 'lower-thirds',
		tags: ['lower-third', 'name', 'interview', 'broadcast'],
		formats: ['landscape'],
		ownerKey: 'maya',
		popularity: 0.57,
		ageDays: 44,
		scenes: [lowerThird({ name: 'Name bar', person: 'Jordan Ellis', role: 'Head of Design, Northwind' })],
	}),
	template({
		slug: 'interview-name-tags',
		title: 'Interview Name Tags',
		description: 'Two matching name tags for a podcast or interview: one per guest, plus a blinking live badge on the second.',
		category: 'lower-thirds',
		tags: ['interview', 'podcast', 'name', 'live'],
		formats: ['landscape', 'square'],
		ownerKey: 'kai',
		popularity: 0.42,
		ageDays: 15,
		scenes: [
			lowerThird({
				name: 'Host',
				person: 'Dana Whitfield',
				role: 'Host, The Long Take',
				colors: { accent: '#2563eb', accent2: '#38bdf8', panel: '#ffffff', ink: '#0f172a', bg1: '#0f172a', bg2: '#334155' },
			}),
			lowerThird({
				name: 'Guest',
				person: 'Dr. Amara Okafor',
				role: 'Climate scientist',
				tag: 'LIVE',
				colors: { accent: '#2563eb', accent2: '#38bdf8', panel: '#ffffff', ink: '#0f172a', bg1: '#1e293b', bg2: '#475569' },
			}),
		],
	}),
	template({
		slug: 'before-after-split-screen',
		title: 'Before & After Split Screen',
		description:
			'Compare two states side by side: the first card slides aside, the second joins it with a versus badge, then takes over the whole frame.',
		category: 'transitions',
		tags: ['split-screen', 'comparison', 'wipe', 'transition'],
		formats: ALL_FORMATS,
		ownerKey: 'leo',
		popularity: 0.63,
		ageDays: 24,
		scenes: [splitWipe({ name: 'Before and after' })],
	}),
	template({
		slug: 'rainbow-stripe-wipe',
		title: 'Rainbow Stripe Wipe',
		description: 'Five colored bands sweep diagonally across the frame to hand over from one chapter title to the next.',
		category: 'transitions',
		tags: ['wipe', 'stripes', 'transition', 'chapter'],
		formats: ['landscape', 'portrait'],
		ownerKey: 'maya',
		popularity: 0.5,
		ageDays: 11,
		scenes: [stripeWipe({ name: 'Stripe wipe' })],
	}),
	template({
		slug: 'orbiting-shapes-loop',
		title: 'Orbiting Shapes Loop',
		description:
			'A seamless six-second loop of glowing orbits and drifting outlines, with a title in the middle. Great behind a livestream or event countdown.',
		category: 'titles',
		tags: ['loop', 'background', 'abstract', 'space'],
		formats: ALL_FORMATS,
		ownerKey: 'admin',
		popularity: 0.48,
		ageDays: 58,
		scenes: [orbitLoop({ name: 'Orbit loop', title: 'Stay Tuned', subtitle: 'We start in a moment' })],
	}),
	template({
		slug: 'confetti-celebration',
		title: 'Confetti Celebration',
		description: 'Two confetti cannons fire from the corners while your headline pops in. Perfect for wins, launches and birthdays.',
		category: 'social',
		tags: ['confetti', 'celebration', 'party'],
		formats: ALL_FORMATS,
		ownerKey: 'sofia',
		popularity: 0.9,
		ageDays: 1,
		scenes: [confetti({ name: 'Confetti burst', headline: 'We did it!', sub: 'Thank you for an amazing year' })],
	}),
	template({
		slug: 'typewriter-quote-card',
		title: 'Typewriter Quote Card',
		description: 'A paper card that types out a quote letter by letter, then signs it with the author name and role.',
		category: 'titles',
		tags: ['quote', 'typewriter', 'testimonial'],
		formats: ['square', 'portrait'],
		ownerKey: 'maya',
		popularity: 0.52,
		ageDays: 30,
		scenes: [
			quoteTypewriter({
				name: 'Customer quote',
				quote: 'We replaced a week of editing with an afternoon. Our launch video finally looks like our brand.',
				author: 'Lena Hoffmann',
				role: 'Marketing lead, Brightside',
			}),
		],
	}),
	template({
		slug: 'lesson-checklist',
		title: 'Lesson Checklist',
		description: 'Open a lesson with a title card, then tick off the learning goals one by one on a notebook page.',
		category: 'education',
		tags: ['lesson', 'checklist', 'classroom', 'education'],
		formats: ALL_FORMATS,
		ownerKey: 'kai',
		popularity: 0.47,
		ageDays: 19,
		scenes: [
			kineticTitle({
				name: 'Lesson title',
				title: 'Color Theory',
				subtitle: 'Lesson 3 · Warm and cool palettes',
				eyebrow: 'Art class',
				colors: ['#059669', '#0ea5e9', '#6366f1'],
			}),
			checklist({
				name: 'Learning goals',
				title: 'By the end you can',
				items: ['Name the primary colors', 'Mix a secondary color', 'Spot warm and cool tones', 'Build a three-color palette'],
			}),
		],
	}),
	template({
		slug: 'how-it-works-in-4-steps',
		title: 'How It Works in 4 Steps',
		description: 'Explain a process in four beats: a title, then a timeline that lights up each step as the narrator gets to it.',
		category: 'education',
		tags: ['explainer', 'steps', 'timeline', 'onboarding'],
		formats: ALL_FORMATS,
		ownerKey: 'admin',
		popularity: 0.58,
		ageDays: 52,
		scenes: [
			kineticTitle({
				name: 'Intro',
				title: 'How It Works',
				subtitle: 'From idea to video in four steps',
				colors: ['#ea580c', '#db2777', '#7c3aed'],
				duration: 100,
			}),
			stepsTimeline({ name: 'Timeline' }),
		],
	}),
	template({
		slug: 'neon-night-title',
		title: 'Neon Night Title',
		description: 'A neon sign that flickers to life on a dark brick wall, with a second line in a contrasting tube color.',
		category: 'titles',
		tags: ['neon', 'night', 'retro', 'glow'],
		formats: ['landscape', 'square'],
		ownerKey: 'leo',
		popularity: 0.35,
		ageDays: 8,
		scenes: [neonTitle({ name: 'Neon sign' })],
	}),
	template({
		slug: 'follower-milestone',
		title: 'Follower Milestone',
		description: 'Celebrate a follower milestone: the count races up to your number, then confetti rains over a thank-you.',
		category: 'social',
		tags: ['milestone', 'followers', 'celebration', 'counter'],
		formats: ['portrait', 'square'],
		ownerKey: 'sofia',
		popularity: 0.61,
		ageDays: 14,
		scenes: [
			statCounter({
				name: 'Follower count',
				value: 100000,
				label: 'Followers',
				caption: 'Road to 100K',
				percent: 100,
				badge: 'Thank you!',
				colors: { bg1: '#1a0b2e', bg2: '#4c1d95', accent: '#f472b6', accent2: '#fde047' },
			}),
			confetti({ name: 'Thank you', headline: '100K strong!', sub: 'Thanks for following along', background: ['#4c1d95', '#1a0b2e'] }),
		],
	}),
	template({
		slug: 'market-share-donut',
		title: 'Market Share Donut',
		description: 'An animated donut chart with a counting center label and a legend, sized for square social posts.',
		category: 'data',
		tags: ['donut', 'pie-chart', 'market-share'],
		formats: ['square'],
		ownerKey: 'kai',
		popularity: 0.3,
		ageDays: 35,
		scenes: [donutChart({ name: 'Market share', title: 'Where viewers watch' })],
	}),
	template({
		slug: 'pop-quiz-countdown',
		title: 'Pop Quiz Countdown',
		description: 'Ask a question, then give the class five seconds to answer before the reveal.',
		category: 'education',
		tags: ['quiz', 'countdown', 'classroom'],
		formats: ['landscape', 'portrait'],
		ownerKey: 'admin',
		popularity: 0.33,
		ageDays: 48,
		scenes: [
			kineticTitle({
				name: 'Question',
				title: 'Pop Quiz!',
				subtitle: 'Which planet has the most moons?',
				colors: ['#0891b2', '#2563eb', '#7c3aed'],
				duration: 110,
			}),
			countdown({
				name: 'Thinking time',
				from: 5,
				finale: 'Saturn!',
				label: 'Answer in',
				colors: { backgrounds: ['#2563eb', '#7c3aed', '#db2777', '#ea580c', '#16a34a'], finale: '#0f172a', ring: '#fde047', text: '#ffffff' },
			}),
		],
	}),
	// Shared by link only: the slug ends in a random part so it cannot be guessed.
	template({
		slug: 'team-intro-unlisted-7fQk2LmZx9',
		title: 'Team Intro',
		description: 'Our studio logo followed by name tags for the three founders. Shared by link with the team for review.',
		category: 'lower-thirds',
		tags: ['team', 'intro', 'name'],
		formats: ['landscape'],
		visibility: 'unlisted',
		ownerKey: 'maya',
		popularity: 0.12,
		ageDays: 5,
		scenes: [
			logoReveal({ name: 'Studio logo', brand: 'Northwind Studio', tagline: 'Meet the team' }),
			lowerThird({ name: 'Founder 1', person: 'Amara Okafor', role: 'Founder & CEO' }),
			lowerThird({ name: 'Founder 2', person: 'Jonas Weber', role: 'Co-founder, Engineering' }),
			lowerThird({ name: 'Founder 3', person: 'Priya Natarajan', role: 'Co-founder, Design' }),
		],
	}),
	// Taken down by an admin: kept for its owner, hidden from the gallery.
	template({
		slug: 'retro-vhs-title',
		title: 'Retro VHS Title',
		description: 'A retro neon title card. Disabled after a report: it copied another creator without credit.',
		category: 'titles',
		tags: ['retro', 'vhs', 'neon'],
		formats: ['landscape', 'square'],
		status: 'disabled',
		ownerKey: 'leo',
		popularity: 0.2,
		ageDays: 57,
		scenes: [
			neonTitle({
				name: 'Retro title',
				line1: 'Rewind',
				line2: 'press play',
				colors: { wall: '#0b0f1f', neon1: '#f97316', neon2: '#a855f7' },
			}),
		],
	}),
]
