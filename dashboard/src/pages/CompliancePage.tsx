/** The compliance page (/compliance, for a signed-in person): who reports on time, by agency and by commune (dashboard/src/compliance). */
export { default } from '../compliance/CompliancePage.tsx';
