// `npm run widget:token -- --user <id> [--email a@b.c] [--name "A B"] [--minutes 60]`
// Prints an editor token (HS256 with BAZAAR_SIGNING_SECRET) for local testing of
// the widget and of `GET /auth/bazaar?token=…`. Demo users get their email and
// name filled in. It does not open the database (so it runs beside `npm start`).
import { parseArgs } from 'node:util'
import { DEMO_USERS } from '#app/db/demo-content.ts'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'

const usage = 'Usage: npm run widget:token -- --user <id> [--email <email>] [--name <name>] [--minutes <n>]'

try {
	const { values } = parseArgs({
		options: {
			user: { type: 'string' },
			email: { type: 'string' },
			name: { type: 'string' },
			minutes: { type: 'string', default: '60' },
		},
	})
	const minutes = Number(values.minutes)
	if (!values.user || !Number.isFinite(minutes) || minutes <= 0) throw new Error(usage)
	const demo = DEMO_USERS.find((user) => user.id === values.user)
	const token = await signBazaarToken(
		{ sub: values.user, email: values.email ?? demo?.email, name: values.name ?? demo?.name },
		{ expiresInSeconds: Math.round(minutes * 60) },
	)
	console.log(token)
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exitCode = 1
}
