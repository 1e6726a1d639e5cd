import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { KioskErrorBody, Result } from '../../contract/errors';
import { useSpoken } from './use-spoken';

/** After this long a wait says what is happening, not only that it is happening (KIOSK-UX.md). */
const SLOW_WAIT_MS = 10_000;

/** A print job's phases; `job` says what is printed, `shown` what the finished job tells the resident. */
export type PrintJobState<J, D> =
  | { phase: 'idle' }
  | { phase: 'printing'; job: J; slow: boolean }
  | { phase: 'done'; job: J; shown: D }
  | { phase: 'failed'; job: J; error: KioskErrorBody };

export type ActivePrintJob<J, D> = Exclude<PrintJobState<J, D>, { phase: 'idle' }>;

/**
 * One print job at a time, for a screen that prints over itself: printing (and "slow" after ten
 * seconds), then done or failed until the resident closes it. An answer arriving after the screen
 * has gone is dropped. The features draw the phases in their own words.
 */
export function usePrintJob<J, D>(): {
  state: PrintJobState<J, D>;
  run: <T>(job: J, call: () => Promise<Result<T>>, done: (value: T) => D) => void;
  close: () => void;
  busy: boolean;
} {
  const [state, setState] = useState<PrintJobState<J, D>>({ phase: 'idle' });
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const run = useCallback(<T,>(job: J, call: () => Promise<Result<T>>, done: (value: T) => D) => {
    setState({ phase: 'printing', job, slow: false });
    const timer = setTimeout(() => live.current && setState((s) => (s.phase === 'printing' ? { ...s, slow: true } : s)), SLOW_WAIT_MS);
    void call().then((result) => {
      clearTimeout(timer);
      if (!live.current) return;
      setState(result.ok ? { phase: 'done', job, shown: done(result.value) } : { phase: 'failed', job, error: result.error });
    });
  }, []);
  const close = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, run, close, busy: state.phase === 'printing' };
}

/**
 * While the overlay is up nothing else on the kiosk can be reached, by touch or by assistive
 * technology: every sibling on the way up to the kiosk frame is made inert, and released after.
 * (The frame itself is left alone: the idle countdown owns its `inert`.)
 */
function useInertAround(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const made: Element[] = [];
    for (let node = ref.current; node && !node.classList.contains('kiosk-frame'); node = node.parentElement) {
      for (const sibling of node.parentElement?.children ?? []) {
        if (sibling !== node && !sibling.hasAttribute('inert')) {
          sibling.setAttribute('inert', '');
          made.push(sibling);
        }
      }
    }
    return () => made.forEach((el) => el.removeAttribute('inert'));
  }, [ref]);
}

/** The modal a print job is shown in, over the screen the resident was on; each feature keeps its own classes and test ids. */
export function PrintJobOverlay({
  className,
  dialogClassName,
  titleId,
  children,
  ...data
}: {
  className: string;
  dialogClassName: string;
  titleId: string;
  children: ReactNode;
  'data-testid': string;
  'data-phase': string;
  'data-job'?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useInertAround(ref);
  return (
    <div className={className} {...data} ref={ref}>
      <div className={dialogClassName} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        {children}
      </div>
    </div>
  );
}

/** The printing phase: what is printing, a spinner, and after ten seconds that it is taking longer (shown and spoken). */
export function PrintingPhase({ title, slowText, slow, titleId, statusTestId }: { title: string; slowText: string; slow: boolean; titleId: string; statusTestId: string }) {
  useSpoken(slow ? slowText : title);
  return (
    <>
      <h2 id={titleId} className="prompt">
        {title}
      </h2>
      <span className="spinner" aria-hidden="true" />
      <p role="status" data-testid={statusTestId}>
        {slow ? slowText : title}
      </p>
    </>
  );
}
