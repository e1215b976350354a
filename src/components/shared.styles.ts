/** Styles every element shares: the theme's custom properties and their defaults. */
import { css } from 'lit';
import { themeStyles } from './theme.styles.ts';

const elementStyles = css`
  :host {
    display: block;
    /* The width the host page offers, in a flex row or a grid cell too: otherwise the element
       would be as wide as its content, and each booking step (whose width does not depend on
       its content: it measures itself for its layout) would narrow it. */
    inline-size: 100%;
    box-sizing: border-box;
    font-family: var(--pc-font-family);
    /* Never unreadably small, whatever the host sets (--punchcard-font-size: 0, html { font-size: 8px }). */
    font-size: max(var(--pc-font-size), 12px);
    line-height: 1.5;
    color: var(--pc-color-text);
    background: var(--pc-color-background);
  }
  /* A host rule that beats :host (such as "* { all: unset }") still cannot shrink the text below 12px. */
  :host > * {
    font-size: max(1em, 12px);
  }
  /* The same, minus the margins a host page may give the element. */
  @supports (inline-size: stretch) {
    :host {
      inline-size: stretch;
    }
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
    border: 1px solid var(--pc-color-accent);
    border-radius: var(--pc-radius);
    background: var(--pc-color-accent);
    color: var(--pc-color-on-accent);
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
    color: var(--pc-color-accent);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--pc-color-focus);
    outline-offset: 2px;
  }
  [part='error'] {
    padding: var(--pc-spacing);
    border: 1px solid var(--pc-color-error);
    border-radius: var(--pc-radius);
    color: var(--pc-color-error);
    background: var(--pc-color-error-background);
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
    gap: var(--pc-spacing);
  }
  .cards > li {
    padding: var(--pc-spacing);
    border: 1px solid var(--pc-color-border);
    border-radius: var(--pc-radius);
    background: var(--pc-color-surface);
  }
  .status,
  .muted {
    color: var(--pc-color-muted);
  }
  .steps {
    margin: 0.5em 0 0;
    padding-inline-start: 1.25em;
  }
  /* A single step needs no number. */
  .steps:has(> li:only-child) {
    list-style: none;
    padding-inline-start: 0;
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

/** Styles every element shares: the theme, then the base rules. */
export const baseStyles = [themeStyles, elementStyles];
