import { createContext, useContext } from 'react';

/** What any desk screen may ask the frame to open. */
export interface DeskCommands {
  openSearch: () => void;
  openShortcuts: () => void;
  openLogCall: () => void;
}

export const DeskCommandsContext = createContext<DeskCommands>({ openSearch: () => {}, openShortcuts: () => {}, openLogCall: () => {} });

export function useDeskCommands(): DeskCommands {
  return useContext(DeskCommandsContext);
}
