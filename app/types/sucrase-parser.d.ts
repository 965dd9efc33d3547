// sucrase ships types for its parser under dist/types but has no "exports" map
// pointing at them; these declarations let the validator walk its token stream.
declare module 'sucrase/dist/parser/index.js' {
	export * from 'sucrase/dist/types/parser/index'
}
declare module 'sucrase/dist/parser/tokenizer/types.js' {
	export * from 'sucrase/dist/types/parser/tokenizer/types'
}
declare module 'sucrase/dist/parser/tokenizer/index.js' {
	export * from 'sucrase/dist/types/parser/tokenizer/index'
}
