import { useState } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { SessionContext } from '../../app/session-context';
import { render, tap, type Rendered } from '../../test-support/render';
import { stubSession } from '../../test-support/stub-session';
import { OnScreenKeyboard, type KeyboardLayout } from './on-screen-keyboard';

// Touch-only typing: every key is a button; the value lives with the screen that owns it.

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

const session = (lang: 'zh-CN' | 'en' = 'zh-CN') => stubSession({ lang });

function Harness({ layout, maxLength = 40 }: { layout: KeyboardLayout; maxLength?: number }) {
  const [value, setValue] = useState('');
  return (
    <>
      <output data-testid="value">{value}</output>
      <OnScreenKeyboard value={value} onChange={setValue} layout={layout} maxLength={maxLength} />
    </>
  );
}

async function mount(layout: KeyboardLayout, maxLength?: number, lang: 'zh-CN' | 'en' = 'zh-CN') {
  view = await render(
    <SessionContext.Provider value={session(lang)}>
      <Harness layout={layout} {...(maxLength !== undefined ? { maxLength } : {})} />
    </SessionContext.Provider>,
  );
  return view;
}

const key = (v: Rendered, k: string) => v.byTestId(`key-${k}`)!;
const value = (v: Rendered) => v.byTestId('value')?.textContent;

describe('on-screen keyboard', () => {
  test('letters and digits type in order; delete removes the last; clear empties', async () => {
    const v = await mount('search');
    for (const k of ['h', 'j', 'z', 'm', '1', '0']) await tap(key(v, k));
    expect(value(v)).toBe('hjzm10');
    await tap(key(v, 'delete'));
    await tap(key(v, 'delete'));
    expect(value(v)).toBe('hjzm');
    await tap(key(v, 'space'));
    await tap(key(v, 'a'));
    expect(value(v)).toBe('hjzm a');
    await tap(key(v, 'clear'));
    expect(value(v)).toBe('');
  });

  test('has every letter and digit, and delete / clear are disabled with nothing to remove', async () => {
    const v = await mount('search');
    for (const k of 'abcdefghijklmnopqrstuvwxyz0123456789') expect(key(v, k), k).not.toBeNull();
    expect((key(v, 'delete') as HTMLButtonElement).disabled).toBe(true);
    expect((key(v, 'clear') as HTMLButtonElement).disabled).toBe(true);
    expect(v.byTestId('key-@')).toBeNull();
    expect(v.text()).toContain('删除');
  });

  test('the e-mail layout adds @ . _ - and no space', async () => {
    const v = await mount('email');
    for (const k of ['a', '_', 'b', '-', 'c', '@', 'q', 'q', '.', 'c', 'o', 'm']) await tap(key(v, k));
    expect(value(v)).toBe('a_b-c@qq.com');
    expect(v.byTestId('key-space')).toBeNull();
  });

  test('stops at the maximum length', async () => {
    const v = await mount('search', 3);
    for (const k of ['a', 'b', 'c', 'd']) await tap(key(v, k));
    expect(value(v)).toBe('abc');
  });

  test('labels follow the language', async () => {
    const v = await mount('search', 40, 'en');
    expect(key(v, 'delete').textContent).toContain('Delete');
    expect(key(v, 'clear').textContent).toContain('Clear');
    expect(v.byTestId('keyboard')?.getAttribute('aria-label')).toBe('On-screen keyboard');
  });
});

