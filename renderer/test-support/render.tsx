import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

// @testing-library is not installed: a small act()-based harness is enough for these screens.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type Rendered = {
  container: HTMLElement;
  root: Root;
  byTestId(id: string): HTMLElement | null;
  /** The button whose visible text (or aria-label) contains `text`; throws if there is none. */
  button(text: string): HTMLButtonElement;
  text(): string;
  unmount(): void;
};

export async function render(node: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(node));
  return {
    container,
    root,
    byTestId: (id) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`),
    button(text) {
      const found = [...container.querySelectorAll('button')].find((b) => (b.textContent ?? '').includes(text) || (b.getAttribute('aria-label') ?? '').includes(text));
      if (!found) throw new Error(`no button "${text}" in: ${container.textContent ?? ''}`);
      return found;
    },
    text: () => container.textContent ?? '',
    unmount() {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** A real click as the browser sends it after a tap: pointerdown (activity) then click. */
export async function tap(element: Element): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    element.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}

export async function flush(): Promise<void> {
  await act(async () => {
    await Promise.resolve();
  });
}
