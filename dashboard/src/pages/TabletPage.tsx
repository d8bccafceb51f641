/** The tablet page (/tablet?token=…): the province map with drill-down to a commune (dashboard/src/tablet). */
export { default } from '../tablet/TabletApp.tsx';
