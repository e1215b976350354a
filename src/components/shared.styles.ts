/** Styles every element shares: the theme's custom properties and their defaults. */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--punchcard-font-family, system-ui, sans-serif);
    /* Never unreadably small, whatever the host sets (--punchcard-font-size: 0, html { font-size: 8px }). */
    font-size: max(var(--punchcard-font-size, 1rem), 12px);
    line-height: 1.5;
    color: var(--punchcard-color-text, #1f2328);
    background: var(--punchcard-color-background, transparent);
  }
  /* A host rule that beats :host (such as "* { all: unset }") still cannot shrink the text below 12px. */
  :host > * {
    font-size: max(1em, 12px);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  a.button {
    font: inherit;
    cursor: pointer;
    /* A target a finger can hit (WCAG 2.5.5): 44 × 44 px at least. */
    min-block-size: 44px;
    min-inline-size: 44px;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.25em;
    text-decoration: none;
    padding: 0.5em 1em;
    border: 1px solid var(--punchcard-color-accent, #0b5cad);
    border-radius: var(--punchcard-radius, 0.375rem);
    background: var(--punchcard-color-accent, #0b5cad);
    color: var(--punchcard-color-on-accent, #fff);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  button:not(:disabled):hover,
  a.button:hover {
    filter: brightness(1.08);
  }
  button.secondary,
  a.button.secondary {
    background: transparent;
    color: var(--punchcard-color-accent, #0b5cad);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--punchcard-color-focus, #1a73e8);
    outline-offset: 2px;
  }
  [part='error'] {
    padding: var(--punchcard-spacing, 1rem);
    border: 1px solid var(--punchcard-color-error, #b42318);
    border-radius: var(--punchcard-radius, 0.375rem);
    color: var(--punchcard-color-error, #b42318);
    background: var(--punchcard-color-error-background, #fef3f2);
  }
  [part='error'] p {
    margin: 0 0 0.75em;
  }
  /* A list of cards: offers, packages, bookings. */
  .cards {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--punchcard-spacing, 1rem);
  }
  .cards > li {
    padding: var(--punchcard-spacing, 1rem);
    border: 1px solid var(--punchcard-color-border, #d0d7de);
    border-radius: var(--punchcard-radius, 0.375rem);
    background: var(--punchcard-color-surface, #fff);
  }
  .status,
  .muted {
    color: var(--punchcard-color-muted, #57606a);
  }
  .steps {
    margin: 0.5em 0 0;
    padding-inline-start: 1.25em;
  }
  .when {
    font-weight: 600;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    button,
    .cards > li,
    [part~='error'] {
      border: 1px solid CanvasText;
    }
    button:focus-visible {
      outline-color: Highlight;
    }
  }
`;
