/**
 * The theme on every element's :host: `--pc-<name>` is the site's `--punchcard-<name>`, else the
 * default of tokens.ts (declared once, here). A file of its own: the build minifies the CSS of
 * templates, but not in a file that uses unsafeCSS.
 */
import { unsafeCSS } from 'lit';
import { THEME_DEFAULTS } from './tokens.ts';

export const themeStyles = unsafeCSS(`:host{${Object.entries(THEME_DEFAULTS).map(([name, value]) => `--pc-${name}:var(--punchcard-${name},${value});`).join('')}}`);
