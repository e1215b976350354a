/**
 * Page object of the booking flow inside `<punchcard-portal>`: offers → the booking steps (a day
 * in the month calendar, a time, the review) → confirmation, my bookings with cancel, and the credits the flow changes. It reads the DOM as a
 * user does — regions and buttons by their accessible names, texts, `part` names — and drives it
 * by clicks (or, for the keyboard test, leaves the driving to real key presses).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { buttons, nameOf, text as textOf, until } from './page.ts';
import type { LitElement } from 'lit';
import { catalogs } from './i18n.ts';
import { API } from './mock-api.ts';

export const t = catalogs.en;

// One kit for every page object: the waits and queries live in page.ts.
export { buttons, deepActiveElement, nameOf, text as textOf, until } from './page.ts';

/** The name of a region (`section` labelled by aria-label or by the element aria-labelledby names). */
function regionName(section: Element): string {
  const label = section.getAttribute('aria-label');
  if (label) return label;
  const id = section.getAttribute('aria-labelledby');
  const root = section.getRootNode() as ShadowRoot | Document;
  return id ? textOf(root.getElementById(id)) : '';
}

export interface PackageChoice {
  name: string;
  checked: boolean;
  input: HTMLInputElement;
}

export interface BookingEvents {
  booked: CustomEvent<{ booking: import('../../../src/contract/entities.ts').Booking }>[];
  cancelled: CustomEvent<{ booking: import('../../../src/contract/entities.ts').Booking }>[];
  rescheduled: CustomEvent<{ booking: import('../../../src/contract/entities.ts').Booking; previousStart: string }>[];
}

export interface OpenOptions {
  token: string;
  practice?: string;
  locale?: string;
}

export class BookingPage {
  constructor(readonly el: HTMLElement) {}

  /** Mounts a signed-in portal (by token) and waits until it shows the client's offers. */
  static async open({ token, practice = 'physio-berlin', locale = 'en' }: OpenOptions): Promise<BookingPage> {
    const el = document.createElement('punchcard-portal');
    el.setAttribute('api', API);
    el.setAttribute('practice', practice);
    el.setAttribute('locale', locale);
    el.setAttribute('token', token);
    await fixture(html`${el}`);
    const page = new BookingPage(el);
    await until(
      () => page.account() && (page.checkout() || page.confirmation() || (page.bookButtons().length > 0 && page.creditsRoot()?.querySelector('[part~="package"], .status'))),
      () => `the portal did not show the overview with offers and packages: "${textOf(page.root)}"`,
    );
    return page;
  }

  /** Mounts another portal with the same attributes (as a reload of the page would). */
  async reopen(): Promise<BookingPage> {
    const attributes = Object.fromEntries(['api', 'practice', 'locale', 'token'].map((name) => [name, this.el.getAttribute(name)]));
    this.el.remove();
    const el = document.createElement('punchcard-portal');
    for (const [name, value] of Object.entries(attributes)) if (value !== null) el.setAttribute(name, value);
    await fixture(html`${el}`);
    return new BookingPage(el);
  }

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  account(): HTMLElement | null {
    return this.root.querySelector('[part~="account"]');
  }

  /** Every region (labelled section) of the portal's own shadow root, by name. */
  region(name: string | RegExp): HTMLElement | null {
    const sections = [...this.root.querySelectorAll<HTMLElement>('section')];
    return sections.find((s) => (typeof name === 'string' ? regionName(s) === name : name.test(regionName(s)))) ?? null;
  }

  // ——— offers (inside <punchcard-offers>'s own shadow root) ———

  offersRoot(): ShadowRoot | null {
    return this.root.querySelector('punchcard-offers')?.shadowRoot ?? null;
  }

  bookButtons(): HTMLButtonElement[] {
    return buttons(this.offersRoot(), /^Book /);
  }

  offerNames(): string[] {
    return [...(this.offersRoot()?.querySelectorAll('[part~="offer"] h3') ?? [])].map((h) => textOf(h));
  }

  bookButton(chainName: string): HTMLButtonElement {
    const [button] = buttons(this.offersRoot(), t.bookChain(chainName));
    if (!button) throw new Error(`no "${t.bookChain(chainName)}" button among: ${this.bookButtons().map(nameOf).join(', ')}`);
    return button;
  }

  /** Clicks "Book <chain>" and waits for the slot picker with its slots loaded. */
  async openCheckout(chainName: string): Promise<void> {
    this.bookButton(chainName).click();
    await this.untilSlotsLoaded();
  }

  // ——— checkout ———

  /** The checkout region (named after the chain), if open. */
  checkout(): HTMLElement | null {
    const section = this.root.querySelector<HTMLElement>('section[aria-labelledby="checkout-title"]');
    return section;
  }

  checkoutTitle(): string {
    const section = this.checkout();
    return section ? regionName(section) : '';
  }

  /** The date or time step (the calendar, and the chosen day's times). */
  isSlotPicker(): boolean {
    return !!this.checkout()?.querySelector('.pick');
  }

  isReview(): boolean {
    return !!this.checkout() && [...this.checkout()!.querySelectorAll('h3')].some((h) => textOf(h) === t.reviewTitle || textOf(h) === t.reviewMoveTitle);
  }

  /** Which step the step indicator marks as the current one ('' when none). */
  currentStep(): string {
    return textOf(this.root.querySelector('.stepper [aria-current="step"] .name'));
  }

  slotsLoading(): boolean {
    return [...(this.checkout()?.querySelectorAll('[role="status"]') ?? [])].some((s) => textOf(s) === t.loadingSlots);
  }

  /** Waits until the calendar (and the chosen day's times) are loaded. */
  async untilSlotsLoaded(): Promise<void> {
    await until(
      () => this.isSlotPicker() && !this.slotsLoading() && this.checkout()!.querySelector('[role="grid"][aria-busy="false"]'),
      () => `the calendar did not load: "${textOf(this.checkout() ?? this.root)}"`,
    );
  }

  // ——— the month calendar ———

  grid(): HTMLElement | null {
    return this.checkout()?.querySelector<HTMLElement>('[role="grid"]') ?? null;
  }

  /** Every day button of the month shown. */
  days(): HTMLButtonElement[] {
    return [...(this.grid()?.querySelectorAll<HTMLButtonElement>('button[data-day]') ?? [])];
  }

  day(date: string): HTMLButtonElement {
    const button = this.days().find((b) => b.dataset.day === date);
    if (!button) throw new Error(`no day ${date} in the calendar of ${this.monthText()}`);
    return button;
  }

  /** The days that can be chosen (they have free starts), as `YYYY-MM-DD`. */
  freeDays(): string[] {
    return this.days().filter((b) => b.getAttribute('aria-disabled') === 'false').map((b) => b.dataset.day!);
  }

  /** The month shown ("November 2026"). */
  monthText(): string {
    return textOf(this.checkout()?.querySelector('.month-nav h4'));
  }

  previousMonthButton(): HTMLButtonElement {
    return buttons(this.checkout(), t.previousMonth)[0]!;
  }

  nextMonthButton(): HTMLButtonElement {
    return buttons(this.checkout(), t.nextMonth)[0]!;
  }

  async nextMonth(): Promise<void> {
    const before = this.monthText();
    this.nextMonthButton().click();
    await until(() => this.monthText() !== before, 'the next month did not show');
    await this.untilSlotsLoaded();
  }

  async previousMonth(): Promise<void> {
    const before = this.monthText();
    this.previousMonthButton().click();
    await until(() => this.monthText() !== before, 'the previous month did not show');
    await this.untilSlotsLoaded();
  }

  /** The day whose times are shown, as its heading says ('' before a day is chosen). */
  chosenDay(): string {
    return textOf(this.checkout()?.querySelector('#times-title'));
  }

  /** Clicks a day of the calendar (moving on to its month first) and waits for its times. */
  async chooseDay(date: string): Promise<void> {
    for (let i = 0; i < 3 && !this.days().some((b) => b.dataset.day === date); i++) await this.nextMonth();
    const button = this.day(date);
    if (button.getAttribute('aria-disabled') !== 'false') throw new Error(`${date} cannot be chosen: ${nameOf(button)}`);
    button.click();
    await until(() => this.checkout()?.querySelector('#times-title') && this.currentStep() === t.stepTime && !this.slotsLoading(), `the times of ${date} did not show`);
  }

  // ——— the day's times ———

  /** The chosen day's start buttons. */
  slots(): HTMLButtonElement[] {
    return [...(this.checkout()?.querySelectorAll<HTMLButtonElement>('[part~="slot"]') ?? [])];
  }

  slotLabels(): string[] {
    return this.slots().map((slot) => nameOf(slot));
  }

  /** The part-of-day headings the times are grouped under. */
  timeGroups(): string[] {
    return [...(this.checkout()?.querySelectorAll('.times h5') ?? [])].map((h) => textOf(h));
  }

  /** The radio buttons of "Participants" (a group chain), by their number. */
  participantChoices(): HTMLInputElement[] {
    const fieldset = [...(this.checkout()?.querySelectorAll('fieldset') ?? [])].find((f) => textOf(f.querySelector('legend')) === t.participantsLabel);
    return [...(fieldset?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])];
  }

  /** The number of participants chosen (null: no such choice). */
  participants(): number | null {
    const checked = this.participantChoices().find((input) => input.checked);
    return checked ? Number(checked.value) : null;
  }

  async setParticipants(count: number): Promise<void> {
    const radio = this.participantChoices().find((input) => input.value === String(count));
    if (!radio) throw new Error(`no "${t.participantsLabel}" choice ${count}`);
    radio.click();
    await until(() => this.participants() === count, 'the participants did not change');
    await this.untilSlotsLoaded();
  }

  /**
   * Clicks the n-th start (0-based) of the chosen day, or of the first day with free starts when
   * none is chosen yet, and waits for the review; returns the start's label.
   */
  async pickSlot(index: number): Promise<string> {
    if (!this.chosenDay()) {
      const [first] = this.freeDays();
      if (!first) throw new Error(`no day with free starts in ${this.monthText()}`);
      await this.chooseDay(first);
    }
    const slot = this.slots()[index];
    if (!slot) throw new Error(`there is no start #${index}; ${this.slots().length} shown on ${this.chosenDay()}`);
    const label = nameOf(slot);
    slot.click();
    await until(() => this.isReview(), 'the review did not show');
    return label;
  }

  /** The review's steps, one text per step ("Tue, Nov 24, 2026, 11:00 AM Service"). */
  steps(): string[] {
    return [...(this.checkout()?.querySelectorAll('.review .steps > li') ?? [])].map((li) => textOf(li));
  }

  /** The list marker of the review's steps as shown ("decimal", or "none" for a single step). */
  stepMarker(): string | undefined {
    const list = this.checkout()?.querySelector('.review .steps');
    return list ? getComputedStyle(list).listStyleType : undefined;
  }

  /** The "Pay with" radios among the covering packages. */
  packageChoices(): PackageChoice[] {
    const fieldset = [...(this.checkout()?.querySelectorAll('fieldset') ?? [])].find((f) => textOf(f.querySelector('legend')) === t.payWith);
    return [...(fieldset?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])].map((input) => ({
      name: nameOf(input),
      checked: input.checked,
      input,
    }));
  }

  /** Chooses the package whose radio label starts with `name`. */
  async choosePackage(name: string): Promise<void> {
    const choice = this.packageChoices().find((c) => c.name.startsWith(`${name} `));
    if (!choice) throw new Error(`no package choice "${name}" among: ${this.packageChoices().map((c) => c.name).join(' | ')}`);
    choice.input.click();
    await until(() => this.packageChoices().find((c) => c.name.startsWith(`${name} `))?.checked, `"${name}" did not become the choice`);
  }

  /** The review's one sentence on what the client pays, when and with what ('' when none). */
  pay(): string {
    return textOf(this.checkout()?.querySelector('.pay strong') ?? undefined);
  }

  /** Back from the review to the day's times ("Choose another time"). */
  async backToSlots(): Promise<void> {
    buttons(this.checkout(), t.otherTime)[0]!.click();
    await until(() => this.currentStep() === t.stepTime, 'the times did not come back');
    await this.untilSlotsLoaded();
  }

  /** The instant the review's first step starts. */
  reviewStart(): number {
    const starts = [...(this.checkout()?.querySelectorAll<HTMLElement>('.steps [data-start]') ?? [])].map((li) => Date.parse(li.dataset.start!));
    if (starts.length === 0) throw new Error('the review shows no step');
    return Math.min(...starts);
  }

  /** The review's line on until when the booking can be cancelled online. */
  deadline(): string {
    return textOf(this.checkout()?.querySelector('.deadline') ?? undefined);
  }

  /** Every amount of money (English, euro) the review shows: a contradiction would show two for one booking. */
  amounts(): string[] {
    return this.reviewText().match(/[€$]\d([\d.,]*\d)?/g) ?? [];
  }

  /** What the checkout's live alert says ('' when nothing). */
  alert(): string {
    return [...(this.checkout()?.querySelectorAll('[role="alert"]') ?? [])].map((node) => textOf(node)).join(' ').trim();
  }

  /** The review's paragraphs (paid with / buys a package / paid at the practice / participants). */
  reviewText(): string {
    return textOf(this.checkout());
  }

  confirmButton(): HTMLButtonElement | undefined {
    return buttons(this.checkout(), new RegExp(`^(${t.confirm}|${t.retryBooking}|${t.booking}|${t.confirmMove}|${t.moving})$`))[0];
  }

  /** Clicks the confirm (or retry) button and waits for the answer: the confirmation, or a message. */
  async confirm(): Promise<void> {
    const button = this.confirmButton();
    if (!button) throw new Error(`no "${t.confirm}" button: "${textOf(this.checkout() ?? this.root)}"`);
    if (button.disabled) throw new Error(`"${nameOf(button)}" is disabled: "${this.alert()}"`);
    button.click();
    // The click puts the checkout in its "Booking…" state; wait for that, then for the answer.
    await (this.el as LitElement).updateComplete;
    await until(() => !this.isBooking(), () => `the booking was not answered: "${textOf(this.root)}"`);
    await (this.el as LitElement).updateComplete;
  }

  /** The review waits for the server's answer ("Booking…"). */
  isBooking(): boolean {
    const button = this.confirmButton();
    return this.isReview() && !!button && (nameOf(button) === t.booking || nameOf(button) === t.moving);
  }

  /** "Back" from whatever step is shown, until the offers come back. */
  async leaveCheckout(): Promise<void> {
    for (let i = 0; i < 4 && this.checkout(); i++) {
      const step = this.currentStep();
      this.checkout()!.querySelector<HTMLButtonElement>('.flow-head button')!.click();
      await until(() => !this.checkout() || this.currentStep() !== step, 'Back did not go back');
    }
    await until(() => this.bookButtons().length > 0 && this.creditsRoot()?.querySelector('[part~="package"], .status'), 'the offers and packages did not come back');
  }

  /** Goes Back step by step until the checkout closes; the last Back is named `name`. */
  async leaveCheckoutTo(name: string): Promise<void> {
    for (let i = 0; i < 4 && this.checkout(); i++) {
      const button = this.checkout()!.querySelector<HTMLButtonElement>('.flow-head button')!;
      const last = textOf(button);
      const step = this.currentStep();
      button.click();
      await until(() => !this.checkout() || this.currentStep() !== step, 'Back did not go back');
      if (!this.checkout()) {
        expect(last, 'the last Back').to.equal(name);
        return;
      }
    }
    throw new Error('the checkout did not close');
  }

  async backToOffers(): Promise<void> {
    buttons(this.checkout(), t.backToOffers)[0]!.click();
    await until(() => !this.checkout() && this.bookButtons().length > 0, 'the offers did not come back');
  }

  // ——— confirmation ———

  /** The confirmation region ("Booked" / "Booking moved" / "Cancelled"), if shown. */
  confirmation(): HTMLElement | null {
    return this.region(new RegExp(`^(${t.bookedTitle}|${t.movedTitle}|${t.cancelledTitle})$`));
  }

  confirmationTitle(): string {
    const section = this.confirmation();
    return section ? regionName(section) : '';
  }

  confirmationText(): string[] {
    return [...(this.confirmation()?.querySelectorAll('p') ?? [])].map((p) => textOf(p));
  }

  /** Waits until the confirmation says `line` (it may first show the credit as it was before). */
  async untilConfirmationSays(line: string): Promise<void> {
    await until(() => this.confirmationText().includes(line), () => `the confirmation never said "${line}": ${JSON.stringify(this.confirmationText())}`);
  }

  /** "Done": on to the client's bookings, once the client's data is refreshed. */
  async dismiss(): Promise<void> {
    buttons(this.confirmation(), t.done)[0]!.click();
    await until(() => !this.confirmation() && this.bookingItems().length > 0, 'the bookings did not show');
  }

  // ——— the client's sections (tabs) ———

  tab(name: string): HTMLButtonElement {
    const tab = [...this.root.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((b) => textOf(b) === name);
    if (!tab) throw new Error(`no tab "${name}": "${textOf(this.root)}"`);
    return tab;
  }

  /** The tab shown ('' when none: a checkout or confirmation is shown). */
  currentTab(): string {
    return textOf(this.root.querySelector('[role="tab"][aria-selected="true"]'));
  }

  /** "My bookings": the client's bookings, once loaded (or their failure). */
  async showBookings(): Promise<void> {
    this.tab(t.tabBookings).click();
    await until(() => this.bookingsRegion(), 'the bookings did not show');
  }

  /** "My packages": every package, usable or not. */
  async showPackages(): Promise<void> {
    this.tab(t.tabPackages).click();
    await until(() => this.currentTab() === t.tabPackages && this.creditsRoot()?.querySelector('[part~="package"], .status'), 'the packages did not show');
  }

  /** "Overview": usable packages, the next booking, the offers. */
  async showOverview(): Promise<void> {
    this.tab(t.tabOverview).click();
    await until(() => this.bookButtons().length > 0, 'the overview did not show');
  }

  // ——— my bookings ———

  bookingsRegion(): HTMLElement | null {
    return this.region(t.bookingsLabel);
  }

  /** The booking items (upcoming first, then past). */
  bookingItems(): HTMLElement[] {
    return [...(this.bookingsRegion()?.querySelectorAll<HTMLElement>(':scope > ul > li') ?? [])];
  }

  /** The booking item whose text contains every given fragment. */
  bookingItem(...fragments: string[]): HTMLElement {
    const item = this.bookingItems().find((li) => fragments.every((f) => textOf(li).includes(f)));
    if (!item) throw new Error(`no booking with ${fragments.join(' + ')} among:\n${this.bookingItems().map((li) => textOf(li)).join('\n')}`);
    return item;
  }

  /** Waits until the list shows a booking with every fragment (it reloads after booking and cancelling). */
  async untilBookingItem(...fragments: string[]): Promise<HTMLElement> {
    const find = () => this.bookingItems().find((li) => fragments.every((f) => textOf(li).includes(f)));
    await until(find, () => `no booking with ${fragments.join(' + ')} among:\n${this.bookingItems().map((li) => textOf(li)).join('\n')}`);
    return find()!;
  }

  /** The heading (h3) each booking item is listed under: Upcoming or Past. */
  listOf(item: HTMLElement): string {
    let node = item.parentElement?.previousElementSibling;
    while (node && node.tagName !== 'H3') node = node.previousElementSibling;
    return textOf(node);
  }

  changeButton(item: HTMLElement): HTMLButtonElement | undefined {
    return buttons(item, t.change)[0];
  }

  /** Clicks "Change booking": the date step opens for moving it. */
  async startChange(item: HTMLElement): Promise<void> {
    const button = this.changeButton(item);
    if (!button) throw new Error(`no "${t.change}" button: "${textOf(item)}"`);
    button.click();
    await this.untilSlotsLoaded();
  }

  cancelButton(item: HTMLElement): HTMLButtonElement | undefined {
    return buttons(item, t.cancel)[0];
  }

  /** The confirmation group inside a booking item (role group named "Cancel booking"). */
  cancelDialog(item: HTMLElement): HTMLElement | null {
    return [...item.querySelectorAll<HTMLElement>('[role="group"]')].find((g) => nameOf(g) === t.cancel) ?? null;
  }

  /** Clicks "Cancel booking" and returns the confirmation it opens. */
  async askToCancel(item: HTMLElement): Promise<HTMLElement> {
    const button = this.cancelButton(item);
    if (!button) throw new Error(`no "${t.cancel}" button: "${textOf(item)}"`);
    const id = item.dataset.bookingId;
    button.click();
    await until(() => this.#itemById(id) && this.cancelDialog(this.#itemById(id)!), 'no cancel confirmation');
    return this.cancelDialog(this.#itemById(id)!)!;
  }

  /** "Yes, cancel" in an open confirmation; waits for the "Cancelled" confirmation or a message. */
  async confirmCancel(dialog: HTMLElement): Promise<void> {
    buttons(dialog, t.confirmCancel)[0]!.click();
    await until(() => this.confirmation() || textOf(dialog.querySelector('[role="alert"]')) !== '', 'the cancellation was not answered');
  }

  #itemById(id: string | undefined): HTMLElement | undefined {
    return this.bookingItems().find((li) => li.dataset.bookingId === id);
  }

  // ——— credits (inside <punchcard-credits>'s own shadow root) ———

  creditsRoot(): ShadowRoot | null {
    return this.root.querySelector('punchcard-credits')?.shadowRoot ?? null;
  }

  /** Each package shown: its heading (name and short code) and the texts of its meters. */
  packages(): { heading: string; meters: string[] }[] {
    return [...(this.creditsRoot()?.querySelectorAll('[part~="package"]') ?? [])].map((pkg) => ({
      heading: textOf(pkg.querySelector('h3')),
      meters: [...pkg.querySelectorAll('[part~="credit-meter"]')].map((m) => textOf(m)),
    }));
  }

  /** Opens the history of the package named `name` from its card in "My packages". */
  async openHistory(name: string): Promise<void> {
    const card = [...(this.creditsRoot()?.querySelectorAll('[part~="package"]') ?? [])].find((pkg) => textOf(pkg.querySelector('h3')).startsWith(`${name} `));
    const button = card?.querySelector<HTMLButtonElement>('button.history');
    if (!button) throw new Error(`no history button on the package ${name}`);
    button.click();
    await until(() => this.historyRegion(), 'the package history did not open');
  }

  /** The package history region (named after the package), if shown. */
  historyRegion(): HTMLElement | null {
    return this.root.querySelector<HTMLElement>('section[aria-labelledby="history-title"]');
  }

  /** The bookings the history lists, as texts, under their heading (Upcoming or Past). */
  historyItems(): { list: string; text: string; bookAgain: HTMLButtonElement | undefined }[] {
    return [...(this.historyRegion()?.querySelectorAll<HTMLElement>(':scope > ul > li') ?? [])].map((li) => ({
      list: this.listOf(li),
      text: textOf(li),
      bookAgain: buttons(li, t.bookAgain)[0],
    }));
  }

  /** The meter texts of the package named `name`. */
  metersOf(name: string): string[] {
    return this.packages().find((p) => p.heading.startsWith(`${name} `))?.meters ?? [];
  }
}

/** Records punchcard-booked, -cancelled and -rescheduled where a host page listens: on the document. */
export function recordBookingEvents(): BookingEvents & { stop(): void } {
  const log: BookingEvents = { booked: [], cancelled: [], rescheduled: [] };
  const onBooked = (event: Event) => log.booked.push(event as BookingEvents['booked'][number]);
  const onCancelled = (event: Event) => log.cancelled.push(event as BookingEvents['cancelled'][number]);
  const onRescheduled = (event: Event) => log.rescheduled.push(event as BookingEvents['rescheduled'][number]);
  document.addEventListener('punchcard-booked', onBooked);
  document.addEventListener('punchcard-cancelled', onCancelled);
  document.addEventListener('punchcard-rescheduled', onRescheduled);
  return {
    ...log,
    stop() {
      document.removeEventListener('punchcard-booked', onBooked);
      document.removeEventListener('punchcard-cancelled', onCancelled);
      document.removeEventListener('punchcard-rescheduled', onRescheduled);
    },
  };
}
