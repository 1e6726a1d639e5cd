import { describe, expect, it } from 'vitest';
import { channels } from './channels';
import { events } from './events';
import { CHANNEL_NAMES, EVENT_NAMES } from './names';

describe('contract names', () => {
  it('lists exactly the declared channels and events', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(channels).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });
});
