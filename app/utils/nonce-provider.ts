/**
 * The CSP nonce of the current document (epic-stack pattern). entry.server
 * makes one per request and provides it; root hands it to every script Remix
 * renders. In the browser there is no provider and the value is '' (browsers
 * hide the nonce attribute from the DOM anyway, so hydration does not compare it).
 */
import { createContext, createElement, type ReactNode, useContext } from 'react'

const NonceContext = createContext<string>('')

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
	return createElement(NonceContext.Provider, { value }, children)
}

export function useNonce() {
	return useContext(NonceContext)
}
