/** Reads an element's shadow DOM the way a host page and a user do: by part, role and text. */
import { waitUntil } from '@open-wc/testing';

export function parts(element: Element, name: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${name}"]`) ?? [])];
}

export function byRole(element: Element, role: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(`[role="${role}"]`) ?? [])];
}

export const text = (node: Element | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Waits until `part` appears in the element's shadow root and returns its nodes. */
export async function untilParts(element: Element, name: string, message?: string): Promise<HTMLElement[]> {
  await waitUntil(() => parts(element, name).length > 0, message ?? `no part="${name}" appeared`, { timeout: 5000 });
  return parts(element, name);
}
