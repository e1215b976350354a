/** The context key a portal shares its store under; versioned, so another punchcard version on the page never mixes in. */
import { createContext } from '@lit/context';
import type { PortalStore } from './store.ts';

export const storeContext = createContext<PortalStore>(Symbol.for('punchcard.store.v1'));
