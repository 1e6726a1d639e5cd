import { useEffect, useState } from 'react';

const QUERY = '(orientation: landscape)';

/** Whether the screen is wider than tall (a kiosk standing sideways): less height for paged content. */
export function useLandscape(): boolean {
  const media = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null;
  const [landscape, setLandscape] = useState(media?.matches ?? false);
  useEffect(() => {
    if (!media) return;
    const onChange = () => setLandscape(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [media]);
  return landscape;
}
