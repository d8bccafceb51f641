import { createContext } from 'react';

/** The wall canvas's current scale (design px → screen px), for code that draws its own pixels. */
export const WallScaleContext = createContext(1);
