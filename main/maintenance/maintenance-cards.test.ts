import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdCardIdentity } from '../../devices/id-card';
import type { SsCardIdentity } from '../../devices/ss-card';
import { AuditLog } from '../audit/audit-log';
import { openDatabase, type Db } from '../db/database';
import { EventBus } from '../ipc/event-bus';
import { ManualClock, sequentialIds } from '../util/clock';
import { cardClaimer, setCardClaimer } from './card-claims';
import { MaintenanceGate } from './gate';
import { MaintenanceCards } from './maintenance-cards';
import { hashCardNumber, hashPin } from './pin';

const TECH_HASH = hashCardNumber('T09000017', Buffer.from('fixed-salt-card!'));
const ssCard = (cardNumber: string) => ({ cardNumber, name: '周建明', ssn: '440105198506159971', version: '3.00' }) as SsCardIdentity;
const idCard = { name: '张三', idNumber: '440105195803129994', validTo: '长期' } as IdCardIdentity;

let dir: string;
let db: Db;
let gate: MaintenanceGate;
let cards: MaintenanceCards;
const published: unknown[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-cards-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  const clock = new ManualClock();
  gate = new MaintenanceGate(db, new AuditLog(db, clock), clock, sequentialIds('t'), () => hashPin('246810', Buffer.from('fixed-salt-for-t')));
  const events = new EventBus();
  published.length = 0;
  events.subscribe((event, payload) => published.push([event, payload]));
  cards = new MaintenanceCards(gate, () => [TECH_HASH], events);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('MaintenanceCards', () => {
  it('claims a listed technician card (masked everywhere) and leaves residents\' cards alone', () => {
    expect(cards.ssCard(ssCard('A00000001'))).toBe(false);
    expect(cards.idCard(idCard)).toBe(false);
    expect(cards.removed('ss-card')).toBe(false);
    expect(cards.ssCard(ssCard('T09000017'))).toBe(true);
    expect(cards.technicianCard()).toEqual({ maskedCard: 'T******17' });
    expect(published).toEqual([['maintenance.technicianCard', { maskedCard: 'T******17' }]]);
    expect(gate.unlock('246810').token).toBe('t-0001');
    expect(cards.removed('ss-card')).toBe(true);
    expect(cards.technicianCard()).toBeNull();
    expect(JSON.stringify(db.prepare('SELECT detail FROM audit_log').pluck().all())).not.toContain('T09000017');
  });

  it('gives the next card of either reader to a waiting self-test, and only that one', async () => {
    const waiting = cards.waitForSelfTestCard(10_000);
    await expect(cards.waitForSelfTestCard(10_000)).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
    expect(cards.idCard(idCard)).toBe(true);
    await expect(waiting).resolves.toEqual({
      kind: 'id-card',
      facts: [
        { label: 'name', value: '张*' },
        { label: 'idNumber', value: '440105********9994' },
        { label: 'validTo', value: '长期' },
      ],
    });
    expect(cards.removed('id-card')).toBe(true);
    expect(cards.idCard(idCard)).toBe(false);
  });

  it('gives up on a self-test card after its wait', async () => {
    await expect(cards.waitForSelfTestCard(20)).rejects.toMatchObject({ code: 'CARD_READ_FAILED' });
    expect(cards.ssCard(ssCard('A00000001'))).toBe(false);
  });

  it('is found by the card listener through the session it is registered for', () => {
    const session = {};
    const off = setCardClaimer(session, cards);
    expect(cardClaimer(session)).toBe(cards);
    expect(cardClaimer({})).toBeUndefined();
    off();
    expect(cardClaimer(session)).toBeUndefined();
  });
});
