/** The period selections a trend chart marks (a meeting's window); none on a playlist. */
import { createContext } from 'react';

export const TrendMarksContext = createContext<readonly string[]>([]);
