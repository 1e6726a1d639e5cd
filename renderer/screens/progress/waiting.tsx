import { useProgressText } from './progress-text';

/** A wait with progress; after ten seconds it says what the kiosk is doing. */
export function Waiting({ slow, text }: { slow: boolean; text?: string }) {
  const pt = useProgressText();
  return (
    <div className="pg-loading" role="status" data-testid="progress-loading">
      <span className="spinner" aria-hidden="true" />
      <p>{slow ? pt('loading.slow') : (text ?? pt('loading'))}</p>
    </div>
  );
}
