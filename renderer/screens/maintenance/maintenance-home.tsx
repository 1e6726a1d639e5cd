import { useSession } from '../../app/session-context';
import { ScreenFrame } from '../../components/screen-frame';

/**
 * Where a technician lands after a correct PIN. The maintenance issue fills it (dashboard of
 * devices, paper, sync backlog, catalogue version, disk, versions; self-tests; audited actions)
 * using `token` for its maintenance.* calls. Leaving it wipes the session like any visit's end,
 * and the idle countdown ends it automatically after inactivity.
 */
export function MaintenanceHome({ token: _token }: { token: string }) {
  const { t, wipe } = useSession();
  return (
    <ScreenFrame prompt={t('maintenance.prompt')} testId="maintenance-home">
      <button type="button" className="button primary huge" onClick={() => wipe('finished')}>
        {t('maintenance.exit')}
      </button>
    </ScreenFrame>
  );
}
