import { KioskError } from '../../contract';
import type { EventBus } from '../ipc/event-bus';
import { createLogger } from '../log/logger';
import { maskIdNumber, maskName } from '../privacy/mask';
import type { Clock } from '../util/clock';

/** A resident as the kiosk knows them during one session: in memory only, never stored. */
export type ResidentIdentity = {
  name: string;
  idNumber: string;
  gender: string;
  birth: string;
  /** YYYYMMDD or 长期 (ID card); absent for a social-security card. */
  validTo?: string;
  ssCardNumber?: string;
};

export type CardKind = 'id-card' | 'ss-card';

export type SessionView = {
  identified: boolean;
  kind: CardKind | null;
  maskedName: string | null;
  maskedNumber: string | null;
};

const log = createLogger('session');

/**
 * Holds the current resident's identity for one session (DESIGN.md §5). A new card replaces the
 * session; `wipe()` forgets everything and tells every screen to drop what it showed.
 */
export class ResidentSession {
  private identity: ResidentIdentity | undefined;
  private kind: CardKind | undefined;
  private ssCardNumber: string | undefined;
  private readonly wipeListeners = new Set<() => void>();

  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /**
   * A card was read. Throws CARD_EXPIRED / CARD_MISMATCH with the session left as the rules say.
   * A refused card wipes only a session that exists: wiping an empty one would send every screen
   * home (session.wiped) before the resident could read why the card was refused.
   */
  present(kind: CardKind, identity: ResidentIdentity): SessionView {
    if (kind === 'id-card' && identity.validTo && isExpired(identity.validTo, this.clock.now())) {
      // Another person's card: whoever was identified before is forgotten all the same.
      if (this.identity && this.identity.idNumber !== identity.idNumber) this.wipe('new-card');
      throw new KioskError('CARD_EXPIRED', 'the ID card has expired', { validTo: identity.validTo });
    }
    if (this.identity && this.identity.idNumber !== identity.idNumber) {
      // Both cards presented: they must belong to the same person. The second card is refused;
      // the first card's session stays, so the screen can say why and the resident can go on.
      if (this.kind !== kind) throw new KioskError('CARD_MISMATCH', 'the social-security card and the ID card belong to different people');
      this.wipe('new-card');
    }
    if (kind === 'ss-card') this.ssCardNumber = identity.ssCardNumber;
    if (!this.identity || kind === 'id-card') {
      this.identity = { ...identity };
      this.kind = kind;
    }
    log.info({ kind }, 'resident identified');
    const view = this.view();
    this.events.publish('card.inserted', { kind, maskedName: view.maskedName ?? '', maskedNumber: view.maskedNumber ?? '' });
    return view;
  }

  current(): ResidentIdentity {
    if (!this.identity) throw new KioskError('NO_SESSION', 'no resident has identified yet');
    return this.identity;
  }

  view(): SessionView {
    const id = this.identity;
    return {
      identified: Boolean(id),
      kind: this.kind ?? null,
      maskedName: id ? maskName(id.name) : null,
      maskedNumber: id ? maskIdNumber(id.idNumber) : null,
    };
  }

  hasSsCard(): boolean {
    return this.ssCardNumber !== undefined;
  }

  /** Services holding per-session state (previews, reprint rights) register here to be wiped too. */
  onWipe(listener: () => void): () => void {
    this.wipeListeners.add(listener);
    return () => this.wipeListeners.delete(listener);
  }

  wipe(reason: string): void {
    this.identity = undefined;
    this.kind = undefined;
    this.ssCardNumber = undefined;
    for (const listener of this.wipeListeners) listener();
    this.events.publish('session.wiped', { reason });
  }
}

/** `长期` never expires; otherwise the card is valid through the end of its last day. */
export function isExpired(validTo: string, now: number): boolean {
  if (validTo === '长期') return false;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(validTo);
  if (!match) return true;
  // China Standard Time: the card's last day ends at midnight in Guangzhou.
  const end = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1) - 8 * 3600_000;
  return now >= end;
}
