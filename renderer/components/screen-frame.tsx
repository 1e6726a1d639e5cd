import type { ReactNode } from 'react';
import { useSpoken } from './use-spoken';

type Props = { prompt: string; testId: string; children?: ReactNode };

/** Every screen: one h1 with its main prompt, which is also spoken. */
export function ScreenFrame({ prompt, testId, children }: Props) {
  useSpoken(prompt);
  return (
    <section className="screen" data-testid={testId} aria-labelledby={`${testId}-prompt`}>
      <h1 id={`${testId}-prompt`} className="prompt">
        {prompt}
      </h1>
      {children}
    </section>
  );
}
