/** Reads an element's shadow DOM the way a host page and a user do: by part, role and text. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

export function parts(element: Element, name: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${name}"]`) ?? [])];
}

export function byRole(element: Element, role: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(`[role="${role}"]`) ?? [])];
}

/** Whitespace as a reader perceives it: runs of spaces, newlines and no-break spaces are one space. */
export const squash = (value: string) => value.replace(/\s+/g, ' ').trim();

export const text = (node: Node | null | undefined) => squash(node?.textContent ?? '');

/** Waits until `part` appears in the element's shadow root and returns its nodes. */
export async function untilParts(element: Element, name: string, message?: string): Promise<HTMLElement[]> {
  await waitUntil(() => parts(element, name).length > 0, message ?? `no part="${name}" appeared`, { timeout: 5000 });
  return parts(element, name);
}

// ——— Deep readers: the composed tree as a user perceives it (nested elements' shadow roots included) ———

/** The element's rendered children: its shadow root's when it has one, else its own. */
function renderedChildren(node: Element | ShadowRoot): Element[] {
  const root = node instanceof Element && node.shadowRoot ? node.shadowRoot : node;
  return [...root.children];
}

/** Every element rendered inside `element`, through nested shadow roots, in document order. */
export function deepElements(element: Element): Element[] {
  const out: Element[] = [];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of renderedChildren(node)) {
      out.push(child);
      walk(child);
    }
  };
  walk(element);
  return out;
}

/** `part` nodes anywhere inside `element`, nested elements included. */
export function deepParts(element: Element, name: string): HTMLElement[] {
  return deepElements(element).filter((node): node is HTMLElement => node instanceof HTMLElement && (node.getAttribute('part') ?? '').split(/\s+/).includes(name));
}

const SKIPPED = new Set(['STYLE', 'SCRIPT', 'TEMPLATE']);

function isVisible(element: Element): boolean {
  return element.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
}

/** Each visible text node (trimmed, whitespace collapsed) inside `element`, through shadow roots. */
export function visibleTextNodes(element: Element): string[] {
  const out: string[] = [];
  const walk = (node: Element | ShadowRoot) => {
    const root = node instanceof Element && node.shadowRoot ? node.shadowRoot : node;
    for (const child of root.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const value = child.textContent!.replace(/\s+/g, ' ').trim();
        if (value && (!(node instanceof Element) || isVisible(node))) out.push(value);
      } else if (child instanceof Element && !SKIPPED.has(child.tagName) && isVisible(child)) {
        walk(child);
      }
    }
  };
  walk(element);
  return out;
}

/** All visible text of `element` as one string (nested shadow roots included). */
export const deepText = (element: Element) => visibleTextNodes(element).join(' ');

/** Text a screen reader announces but the eye may not see: aria-label, title, placeholder, alt. */
export function accessibleLabels(element: Element): string[] {
  return deepElements(element).flatMap((node) =>
    ['aria-label', 'title', 'placeholder', 'alt'].map((name) => node.getAttribute(name)).filter((value): value is string => !!value && value.trim() !== ''),
  );
}

/** The accessible name of a control, good enough for our markup: aria-label, its labels, else its text. */
export function nameOf(control: Element): string {
  const label = control.getAttribute('aria-label');
  if (label) return squash(label);
  const labels = (control as HTMLInputElement).labels;
  if (labels && labels.length > 0) return [...labels].map((l) => text(l)).join(' ');
  return text(control);
}

/** Buttons (by role) inside `root` (not descending into nested elements), optionally by accessible name. */
export function buttons(root: ParentNode | null | undefined, name?: string | RegExp): HTMLButtonElement[] {
  const all = [...(root?.querySelectorAll<HTMLButtonElement>('button, input[type="submit"], input[type="button"], [role="button"]') ?? [])];
  if (name === undefined) return all;
  return all.filter((button) => (typeof name === 'string' ? nameOf(button) === name : name.test(nameOf(button))));
}

/** Text fields (role textbox) inside `root`. */
export function textboxes(root: Element | ShadowRoot): HTMLInputElement[] {
  return [...root.querySelectorAll<HTMLInputElement>('input:not([type]), input[type="text"], input[type="email"], input[type="tel"], input[type="search"], textarea, [role="textbox"]')];
}

/**
 * A member of a composite widget with one Tab stop (tabs, the calendar grid, a day's times):
 * out of the Tab order on purpose, reached with the arrow keys from the member that has the stop.
 */
function isRovingMember(node: HTMLElement): boolean {
  const composite = node.closest('[role="tablist"], [role="grid"], [role="group"]');
  return node.getAttribute('tabindex') === '-1' && !!composite?.querySelector('[tabindex="0"]');
}

/** Every interactive control a keyboard user must be able to reach by Tab, through shadow roots. */
export function interactiveControls(element: Element): HTMLElement[] {
  return deepElements(element).filter(
    (node): node is HTMLElement =>
      node instanceof HTMLElement &&
      node.matches('button, input:not([type="hidden"]), select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"]), [role="button"], [role="link"]') &&
      !(node as HTMLButtonElement).disabled &&
      !isRovingMember(node) &&
      isVisible(node),
  );
}

/** The focused element, followed into shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Puts the keyboard focus on a button placed just before `element`, so that the next Tab enters
 * it from its start, and places another just after it, where a Tab sequence ends. Where the focus
 * was before is engine-specific (blurring a shadow host keeps its inner focus in Firefox), this is
 * not. And a Tab past the page's last control must never happen: in Firefox it moves the system
 * focus to the browser's own controls, and from then on Enter activates no button of the page (a
 * later keyboard test in the same page then fails far from the cause).
 */
export function focusBefore(element: Element): void {
  if (!document.hasFocus()) throw new Error('the page lost the system focus: did an earlier keyboard test Tab past its end?');
  for (const edge of ['start', 'end'] as const) {
    element.parentElement?.querySelector(`:scope > [data-focus-fence="${edge}"]`)?.remove();
    const fence = Object.assign(document.createElement('button'), { type: 'button', textContent: edge });
    fence.dataset.focusFence = edge;
    if (edge === 'start') element.before(fence);
    else element.after(fence);
  }
  (element.previousElementSibling as HTMLElement).focus();
}

/** Whether `element` is the button `focusBefore` placed at the start or the end. */
export function isFocusFence(element: Element | null, edge: 'start' | 'end'): boolean {
  return element instanceof HTMLElement && element.dataset.focusFence === edge;
}

/**
 * Types text as key presses, one key at a time. (WebKitWebDriver drops the second of two equal
 * letters sent in one "type" command: "anna" arrives as "ana"; no person types like that.)
 */
export async function typeKeys(value: string): Promise<void> {
  for (const key of value) await sendKeys({ press: key });
}

/** Waits for a condition; the message (or what it returns, then) says what did not happen. */
export function until(predicate: () => unknown, message: string | (() => string), timeout = 5000): Promise<void> {
  return waitUntil(predicate, typeof message === 'string' ? message : undefined, { timeout }).catch((error: unknown) => {
    throw new Error(typeof message === 'string' ? message : message(), { cause: error });
  });
}

// ——— Events and page errors ———

export interface PunchcardEventLog {
  /** What a host page shows or logs of each punchcard-error: its code and sentence. */
  errors: { code: string; message: string }[];
  /** The ApiError each punchcard-error carries for developers (`detail.error`). */
  errorObjects: ({ code: string; errors?: { path: string }[] } & Record<string, unknown>)[];
  signedIn: { customer: { id: string; displayName: string; email: string } }[];
  signedOut: Record<string, never>[];
}

/** Records the punchcard events an element fires (they bubble and are composed). */
export function recordEvents(target: EventTarget): PunchcardEventLog {
  const log: PunchcardEventLog = { errors: [], errorObjects: [], signedIn: [], signedOut: [] };
  target.addEventListener('punchcard-error', (event) => {
    const { code, message, error } = (event as CustomEvent).detail;
    log.errors.push({ code, message });
    log.errorObjects.push(error);
  });
  target.addEventListener('punchcard-signed-in', (event) => log.signedIn.push((event as CustomEvent).detail));
  target.addEventListener('punchcard-signed-out', (event) => log.signedOut.push((event as CustomEvent).detail));
  return log;
}

/**
 * Catches whatever an element throws into the host page: `error` and `unhandledrejection` on
 * window. Mocha would fail the test on an uncaught error anyway; this also names it, and
 * `stop()` removes the listeners (call it in `finally`).
 */
export function watchPageErrors() {
  const caught: unknown[] = [];
  const onError = (event: ErrorEvent) => caught.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => caught.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    caught,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** Creates `<tag>` with the attributes that are set, listens to its events, and puts it in the page. */
export async function mount<T extends HTMLElement>(tag: string, attributes: Record<string, string | null | undefined>): Promise<{ el: T; events: PunchcardEventLog }> {
  const el = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined && value !== null) el.setAttribute(name, value);
  const events = recordEvents(el);
  await fixture(html`${el}`);
  return { el, events };
}

/**
 * A node as a short string, for assertions: failing assertions on DOM nodes themselves make the
 * test runner serialize the whole node graph (and hang), so compare these strings instead.
 */
export function describeNode(node: Element | ShadowRoot | null | undefined): string {
  if (!node) return 'nothing';
  if (!(node instanceof Element)) return 'a shadow root';
  const label = node instanceof HTMLElement ? nameOf(node) : '';
  return `<${node.tagName.toLowerCase()}${node.getAttribute('part') ? ` part="${node.getAttribute('part')}"` : ''}> "${(label || text(node)).slice(0, 60)}"`;
}
