/** The tablet page (/tablet, for a signed-in person): the province map with drill-down to a commune (dashboard/src/tablet). */
export { default } from '../tablet/TabletApp.tsx';
