/**
 * The theme: every custom property a site owner may set on an element or an ancestor, with its
 * default. The one source of the defaults the styles use (shared.styles.ts declares them on :host
 * as `--pc-<name>`), of the elements' documented CSS properties (custom-elements.json, through
 * custom-elements-manifest.config.mjs) and of README's theme table. The descriptions are a
 * separate export, so that the embed, which needs only the defaults, does not carry them.
 */
export const THEME_DEFAULTS = {
  'font-family': 'system-ui, sans-serif',
  'font-size': '1rem',
  'color-text': '#1f2328',
  'color-muted': '#57606a',
  'color-background': 'transparent',
  'color-surface': '#fff',
  'color-border': '#d0d7de',
  'color-border-strong': '#6e7781',
  'color-accent': '#0b5cad',
  'color-track': '#e6e9ed',
  'color-on-accent': '#fff',
  'color-focus': '#1a73e8',
  'color-warning': '#8a4b00',
  'color-error': '#b42318',
  'color-error-background': '#fef3f2',
  radius: '0.375rem',
  spacing: '1rem',
} as const;

export type ThemeToken = keyof typeof THEME_DEFAULTS;

/** What each `--punchcard-<name>` is for (the manifest and README). */
export const THEME_DESCRIPTIONS: Record<ThemeToken, string> = {
  'font-family': 'Font of all text.',
  'font-size': 'Base font size (never below 12px).',
  'color-text': 'Text colour.',
  'color-muted': 'Secondary text.',
  'color-background': 'Background of the element.',
  'color-surface': 'Background of cards, slots and inputs.',
  'color-border': 'Borders of cards.',
  'color-border-strong': 'Borders of inputs.',
  'color-accent': 'Buttons, meters and highlights.',
  'color-track': 'The empty part of a meter.',
  'color-on-accent': 'Text on the accent colour.',
  'color-focus': 'The focus ring.',
  'color-warning': 'Warnings (points about to expire).',
  'color-error': 'Text and border of errors.',
  'color-error-background': 'Background of errors.',
  radius: 'Corner radius.',
  spacing: 'Padding and gaps.',
};
