// The root tsconfig has no DOM library (main/ must never reach for `window`), so functions that
// Playwright runs inside the page describe the little of the DOM they touch here, and take it
// from globalThis: `const { document } = globalThis as unknown as InPage;`. Types only.

export type Rect = { left: number; right: number; top: number; bottom: number; width: number; height: number };

export type El = {
  tagName: string;
  className: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  target: string;
  href: string;
  parentElement: El | null;
  getAttribute(name: string): string | null;
  closest(selector: string): El | null;
  getBoundingClientRect(): Rect;
  append(child: El): void;
  remove(): void;
  click(): void;
};

export type InPage = {
  document: {
    documentElement: El;
    body: El;
    querySelector(selector: string): El | null;
    querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
    createElement(tag: string): El;
    createTreeWalker(root: El, whatToShow: number): { nextNode(): { textContent: string | null; parentElement: El | null } | null };
  };
  window: {
    innerWidth: number;
    innerHeight: number;
    open(url: string): unknown;
    location: { href: string; assign(url: string): void };
  };
  history: { go(delta: number): void };
  getComputedStyle(el: El): { visibility: string; display: string; fontSize: string; overflowX: string; overflowY: string };
  NodeFilter: { SHOW_TEXT: number };
};
