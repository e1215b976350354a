/**
 * Page object of `<punchcard-portal>`: sign-in, account, and the credits and offers it contains,
 * read and driven as a user does (parts, roles, labels and the texts of the language it speaks).
 */
import type { LitElement } from 'lit';
import { CreditsPage } from './credits-page.ts';
import { LOADING_TEXTS, messagesOf } from './i18n.ts';
import { API } from './mock-api.ts';
import { OffersPage } from './offers-page.ts';
import { buttons, byRole, mount, nameOf, parts, text, textboxes, until, type PunchcardEventLog } from './page.ts';

export interface PortalAttributes {
  api?: string | null;
  practice?: string;
  token?: string;
  locale?: string;
  /** Milliseconds per request (the element's `timeout` attribute). */
  timeout?: string;
}

export class PortalPage {
  constructor(
    readonly el: HTMLElement,
    readonly events: PunchcardEventLog = { errors: [], errorObjects: [], signedIn: [], signedOut: [] },
  ) {}

  static async open(attributes: PortalAttributes): Promise<PortalPage> {
    const { el, events } = await mount<HTMLElement>('punchcard-portal', { api: API, ...attributes });
    return new PortalPage(el, events);
  }

  /** The catalog of the language the portal speaks now. */
  get t() {
    return messagesOf(this.el);
  }

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  isLoading(): boolean {
    return byRole(this.el, 'status').some((status) => LOADING_TEXTS.has(text(status)));
  }

  /** Waits until the portal shows its content (or an error) and the elements inside it have loaded. */
  async settled(): Promise<this> {
    await until(() => {
      if (this.root.childElementCount === 0 || this.isLoading()) return false;
      if (this.error()) return true;
      const offers = this.offers();
      const credits = this.credits();
      const loaded = (part: { el: HTMLElement; isLoading(): boolean } | null) => part === null || (part.el.shadowRoot!.childElementCount > 0 && !part.isLoading());
      // The offers (a visitor, the overview), the packages ("My packages") or the bookings are shown and loaded.
      return (offers !== null || credits !== null || this.root.querySelector('section.my-bookings') !== null) && loaded(offers) && loaded(credits);
    }, `<punchcard-portal> did not settle: "${text(this.root.firstElementChild ?? undefined)}"`);
    return this;
  }

  // ——— sign-in ———

  signInForm(): HTMLElement | undefined {
    return parts(this.el, 'sign-in')[0];
  }

  /** The sign-in form's text field (email, then code). */
  field(): HTMLInputElement | undefined {
    const form = this.signInForm();
    return form ? textboxes(form)[0] : undefined;
  }

  /** The field's accessible name, e.g. "Email address" or "Code from the email". */
  fieldName(): string {
    const field = this.field();
    return field ? nameOf(field) : '';
  }

  /** What the sign-in form's live alert says ('' when nothing). */
  alert(): string {
    const form = this.signInForm();
    return form ? [...form.querySelectorAll('[role="alert"]')].map((node) => text(node)).join(' ').trim() : '';
  }

  /** Types `value` into the sign-in field and submits the form (as pressing Enter). */
  async submit(value: string): Promise<void> {
    return this.#submit(value);
  }

  async #submit(value: string): Promise<void> {
    const field = this.field();
    if (!field) throw new Error('no text field in the sign-in form');
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.form!.requestSubmit(); // as pressing Enter in the field
    await (this.el as LitElement).updateComplete;
  }

  /** Enters the email address and asks for a code; resolves once the code step (or a message) shows. */
  async signInByEmail(email: string): Promise<void> {
    await until(() => this.signInForm(), 'no sign-in form');
    const before = this.alert();
    await this.#submit(email);
    await until(() => {
      const field = this.field();
      if (!field || field.disabled) return false;
      return this.fieldName() === this.t.codeLabel || (this.alert() !== '' && this.alert() !== before);
    }, 'the code step did not appear');
  }

  /** Enters a code and submits it; resolves once the answer shows (signed in, or a message). */
  async enterCode(code: string): Promise<void> {
    await this.#submit(code);
    await until(() => {
      if (this.account()) return true;
      const field = this.field();
      return !field || !field.disabled;
    }, 'the code was not answered');
    await (this.el as LitElement).updateComplete;
  }

  /** Signs in by email code; resolves when signed in and settled. */
  async signIn(email: string, code: string): Promise<void> {
    await this.signInByEmail(email);
    await this.enterCode(code);
    await until(() => this.account(), `not signed in: "${this.alert()}"`);
    await this.settled();
  }

  // ——— signed in ———

  account(): HTMLElement | undefined {
    return parts(this.el, 'account')[0];
  }

  async signedIn(): Promise<string> {
    await until(() => this.account(), `not signed in: "${text(this.root.firstElementChild ?? undefined)}"`);
    await this.settled();
    return text(this.account());
  }

  async signOut(): Promise<void> {
    const [button] = buttons(this.account()!, this.t.signOut);
    if (!button) throw new Error(`no "${this.t.signOut}" button`);
    button.click();
    await until(() => this.signInForm(), 'the sign-in form did not come back');
    await this.settled();
  }

  // ——— what it contains ———

  credits(): CreditsPage | null {
    const el = this.root.querySelector<HTMLElement>('punchcard-credits');
    return el ? new CreditsPage(el) : null;
  }

  offers(): OffersPage | null {
    const el = this.root.querySelector<HTMLElement>('punchcard-offers');
    return el ? new OffersPage(el) : null;
  }

  offersNames(): string[] {
    return this.offers()?.names() ?? [];
  }

  packages() {
    return this.credits()?.packages() ?? [];
  }

  /** Clicks one of the signed-in client's tabs ("My packages" …) and waits until it is shown and settled. */
  async showTab(name: string): Promise<void> {
    const find = () => [...this.root.querySelectorAll<HTMLElement>('[role="tab"]')].find((b) => text(b) === name);
    await until(() => find(), `no tab "${name}"`);
    find()!.click();
    await until(() => find()?.getAttribute('aria-selected') === 'true', `the tab "${name}" was not shown`);
    await this.settled();
  }

  meters() {
    return this.credits()?.meters() ?? [];
  }

  // ——— errors ———

  error(): HTMLElement | undefined {
    return parts(this.el, 'error').find((part) => !this.signInForm()?.contains(part));
  }

  async untilError(): Promise<HTMLElement> {
    await until(() => this.error(), `no part="error": "${text(this.root.firstElementChild ?? undefined)}"`);
    return this.error()!;
  }

  retryButton(): HTMLElement | undefined {
    const error = this.error();
    return error ? buttons(error, this.t.retry)[0] : undefined;
  }
}
