import { randomBytes } from 'node:crypto'

export function migrationTemplateDatabaseName() {
	return `bazaar_test_template_${process.pid}`
}

export function uniqueTestDatabaseName(prefix = 'bazaar_test') {
	return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`
}

export function withDatabaseName(url: string, name: string) {
	const parsed = new URL(url)
	parsed.pathname = `/${name}`
	return parsed.toString()
}
