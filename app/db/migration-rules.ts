/**
 * Migrations are additive only: new tables, new indexes, new nullable or
 * defaulted columns. This finds the statements that would break that rule.
 */
const FORBIDDEN: Array<[RegExp, string]> = [
	[/\bDROP\s+(TABLE|COLUMN|INDEX|CONSTRAINT|SCHEMA|TYPE|VIEW|SEQUENCE|EXTENSION|DEFAULT)\b/i, 'drops something'],
	[/\bDROP\s+NOT\s+NULL\b/i, 'changes a column (DROP NOT NULL)'],
	[/\bRENAME\b/i, 'renames something'],
	// Not a trigger's event (`AFTER TRUNCATE ON t`, `… OR TRUNCATE`): that runs a function later, it empties nothing.
	[/(?<!\b(?:BEFORE|AFTER|OR)\s+)\bTRUNCATE\b/i, 'truncates a table'],
	[/(?<!\bON\s)\bDELETE\s+FROM\b/i, 'deletes rows'],
	[/(?<!\bON\s)\bUPDATE\s+("[^"]+"|\w+)\s+SET\b/i, 'rewrites rows'],
	[/\bALTER\s+COLUMN\b[^;]*\b(TYPE|SET\s+DATA\s+TYPE)\b/i, "changes a column's type"],
	[/\bALTER\s+COLUMN\b[^;]*\bSET\s+NOT\s+NULL\b/i, 'makes an existing column NOT NULL'],
	[/\bADD\s+COLUMN\b(?![^;]*\bDEFAULT\b)[^;]*\bNOT\s+NULL\b/i, 'adds a NOT NULL column without a default'],
]

/**
 * A function's body runs when the function is called, not when the migration
 * runs: a trigger that keeps a derived table may delete its rows (0016). A
 * DO block runs at once, so it is still checked; what a function called by
 * the migration itself does is for its reviewer to read.
 */
const FUNCTION_BODY = /(\bCREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\b[^$]*?)\$(\w*)\$[\s\S]*?\$\2\$/gi

export function findDestructiveStatements(migrationSql: string) {
	const withoutComments = migrationSql.replace(/--[^\n]*/g, '').replace(FUNCTION_BODY, '$1$$$$')
	return withoutComments
		.split(/;|--> statement-breakpoint/)
		.map((statement) => statement.trim())
		.filter(Boolean)
		.flatMap((statement) =>
			FORBIDDEN.filter(([pattern]) => pattern.test(statement)).map(([, reason]) => ({ statement, reason })),
		)
}
