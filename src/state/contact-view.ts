/**
 * The practice's contact as the confirmation shows it: a phone number, an email address and a
 * website become links only when they are what they claim to be (a `javascript:` website from a
 * backend must never become a link), else they are shown as text or left out.
 */
import type { Practice } from '../contract/entities.ts';

export interface ContactView {
  name: string;
  address: string | null;
  links: { href: string; text: string }[];
}

/** An http(s) URL, else null (`new URL`: Safari 16.4, which the build targets, has no `URL.canParse`). */
function webAddress(text: string): URL | null {
  try {
    const url = new URL(text);
    return /^https?:$/.test(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

export function contactOf(practice: Pick<Practice, 'name' | 'contact'>): ContactView | null {
  const { contact } = practice;
  if (!contact) return null;
  const links: ContactView['links'] = [];
  const phone = contact.phone?.trim();
  const dial = phone?.replace(/[^\d+]/g, '');
  if (phone && dial && /^\+?\d{3,}$/.test(dial)) links.push({ href: `tel:${dial}`, text: phone });
  const email = contact.email?.trim();
  if (email && /^[^\s@<>"]+@[^\s@<>".]+(\.[^\s@<>".]+)+$/.test(email)) links.push({ href: `mailto:${email}`, text: email });
  const website = contact.website?.trim() ?? '';
  const site = webAddress(website);
  if (site) links.push({ href: website, text: site.host });
  return { name: practice.name, address: contact.address?.trim() || null, links };
}
