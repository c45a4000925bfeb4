import { createContext, useContext } from 'react';

// The Content-Security-Policy nonce of the page being rendered on the server. In the browser the
// nonce is hidden from scripts and not needed (the scripts are already running): it reads ''.
const NonceContext = createContext('');

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
