import { expect } from '@open-wc/testing';

/**
 * Registration (src/define.ts): a second copy or another version of punchcard on the page must not
 * throw; a copy that finds an element taken by another class says so once in the console. (Two
 * script tags of the built file: the hardening tests on dist.)
 */
describe('registering the elements', () => {
  it('survives a name already taken by another version and a second evaluation, warning once per copy', async () => {
    class Impostor extends HTMLElement {}
    customElements.define('punchcard-credits', Impostor);
    const warnings: unknown[][] = [];
    const warn = console.warn;
    // Only punchcard's own words count (Lit announces its dev mode through console.warn too).
    console.warn = (...args: unknown[]) => void (String(args[0]).startsWith('punchcard') && warnings.push(args));
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      const first = await import('../../src/define.ts');
      expect(customElements.get('punchcard-portal')).to.equal(first.PunchcardPortal);
      expect(customElements.get('punchcard-offers')).to.equal(first.PunchcardOffers);
      expect(customElements.get('punchcard-credits')).to.equal(Impostor);
      expect(warnings.map(String), 'after the first import').to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('punchcard-credits');

      // The registering module evaluated again (another URL, as a second script tag): nothing thrown,
      // the elements stay as registered, and this copy too says once that a name was taken.
      await import(/* @vite-ignore */ `../../src/define.ts?again=${Date.now()}`);
      expect(customElements.get('punchcard-portal')).to.equal(first.PunchcardPortal);
      expect(warnings.map(String), 'after the second import').to.have.length(2);
      expect(errors).to.deep.equal([]);
    } finally {
      console.warn = warn;
      window.removeEventListener('error', onError);
    }
  });
});
