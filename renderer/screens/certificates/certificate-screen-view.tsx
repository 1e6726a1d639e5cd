import { ComingSoonScreen } from '../coming-soon-screen';
import type { CertificateScreen } from './certificate-screens';

/** The identification and certificate screens for session.tsx's ScreenView. */
export function CertificateScreenView({ screen: _screen }: { screen: CertificateScreen }) {
  return <ComingSoonScreen feature="certificates" />;
}
