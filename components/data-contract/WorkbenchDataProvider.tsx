import { createContext, useContext, type ReactNode } from 'react';
import type { WorkbenchData } from './types';

const DataContext = createContext<WorkbenchData | null>(null);

/** Hands the workbench its data hooks (the sidebar builds them from components/data). */
export function WorkbenchDataProvider({
  data,
  children,
}: {
  data: WorkbenchData;
  children: ReactNode;
}) {
  return <DataContext.Provider value={data}>{children}</DataContext.Provider>;
}

export function useWorkbenchData(): WorkbenchData {
  const data = useContext(DataContext);
  if (!data) throw new Error('useWorkbenchData must be used inside <WorkbenchDataProvider>');
  return data;
}
