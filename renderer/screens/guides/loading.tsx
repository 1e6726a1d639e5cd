import type { KioskErrorBody } from '../../../contract/errors';
import { ErrorMessage } from '../../components/error-message';
import { useCatalogueText } from './catalogue-text';

/** A wait with progress; after ten seconds it says what the kiosk is doing. */
export function Loading({ slow }: { slow: boolean }) {
  const ct = useCatalogueText();
  return (
    <div className="cat-loading" role="status" data-testid="catalogue-loading">
      <span className="spinner" aria-hidden="true" />
      <p>{slow ? ct('loading.slow') : ct('loading')}</p>
    </div>
  );
}

/** Loading or failed content: shown in place of the content, with a retry. */
export function CallStatus({ state }: { state: { status: 'loading'; slow: boolean } | { status: 'error'; error: KioskErrorBody; retry: () => void } }) {
  if (state.status === 'loading') return <Loading slow={state.slow} />;
  return <ErrorMessage error={state.error} onRetry={state.retry} />;
}
