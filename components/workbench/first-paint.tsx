import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/** Whether the page has painted its first view (true wherever no page says otherwise). */
const FirstPaintDone = createContext(true);

/**
 * Tells the views below whether the page has painted its first view yet (`useFirstPaintDone`):
 * false until `ready` resolves. The sidebar passes its first paint, so that what a view shows
 * below its headline figures (My numbers' history and chart) is computed after those figures
 * are on screen. Without it, views compute everything at once.
 */
export function AfterFirstPaint({
  ready,
  children,
}: {
  ready: Promise<unknown>;
  children: ReactNode;
}) {
  const [done, setDone] = useState(false);
  useEffect(() => {
    let live = true;
    void ready.then(() => {
      if (live) setDone(true);
    });
    return () => {
      live = false;
    };
  }, [ready]);
  return <FirstPaintDone.Provider value={done}>{children}</FirstPaintDone.Provider>;
}

/** False while the page has not painted its first view (see `AfterFirstPaint`). */
export function useFirstPaintDone(): boolean {
  return useContext(FirstPaintDone);
}
