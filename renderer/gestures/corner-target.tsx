import { useRef } from 'react';
import { createTapSequence } from './tap-sequence';

type Props = { corner: 'top-left' | 'top-right'; onGesture: () => void };

export const CORNER_TAPS = 5;
export const CORNER_WINDOW_MS = 3_000;

/**
 * An invisible 80×80 px corner that reacts to five taps within three seconds. It is a technician
 * gesture, not a control for residents: it is hidden from assistive technology (aria-hidden, no
 * role, not focusable), so screen readers do not announce a "maintenance" button to the public
 * and axe has nothing to ask a name of. Nothing interactive lies under it (the header keeps its
 * corners empty), so it never steals a resident's tap.
 */
export function CornerTarget({ corner, onGesture }: Props) {
  const sequence = useRef(createTapSequence({ taps: CORNER_TAPS, withinMs: CORNER_WINDOW_MS }));
  return (
    <div
      className={`corner-target corner-${corner}`}
      data-testid={`corner-${corner}`}
      aria-hidden="true"
      onClick={() => {
        if (sequence.current.tap()) onGesture();
      }}
    />
  );
}
