/** Labels, limits and choices of the creator and moderation pages, needed on the client too (no server code here). */
import type { ReportReason } from '#app/vocabulary.ts'

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
	spam: 'Spam or advertising',
	offensive: 'Offensive or hateful content',
	copyright: 'Copies someone else’s work',
	malicious_code: 'Suspicious or malicious code',
	broken: 'Broken: does not play',
	other: 'Something else',
}
export const MODERATION_REASON_MAX_LENGTH = 1000
export const REPORT_DETAILS_MAX_LENGTH = 1000

/** The periods (days) a creator can choose for the funnel. */
export const PERIODS = [7, 30, 90] as const
export type PeriodDays = (typeof PERIODS)[number]
