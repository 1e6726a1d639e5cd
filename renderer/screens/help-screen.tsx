import { useSession } from '../app/session-context';
import { PagedList } from '../components/paged-list';
import { ScreenFrame } from '../components/screen-frame';
import type { MessageKey } from '../i18n/i18n';

const STEPS = ['help.step1', 'help.step2', 'help.step3', 'help.step4', 'help.step5', 'help.step6'] as const satisfies readonly MessageKey[];

export function HelpScreen() {
  const { t } = useSession();
  return (
    <ScreenFrame prompt={t('help.prompt')} testId="help">
      <div className="message notice staff">
        <span className="message-icon" aria-hidden="true">
          ?
        </span>
        <p>{t('help.staff')}</p>
      </div>
      <PagedList items={STEPS} pageSize={6} elderlyPageSize={3} render={(key) => <p className="help-step">{t(key)}</p>} />
    </ScreenFrame>
  );
}
