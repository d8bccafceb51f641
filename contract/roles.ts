/**
 * Roles and what each may do, in one place (ARCHITECTURE.md "Identity and scope"). Every role check on the
 * server and in the dashboard goes through these predicates, never through `role === '…'` comparisons.
 */
export const ROLES = ['viewer', 'leader', 'agency', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Staff and admins: the workspace, screens and their commands, the rejected-input list. */
export const isStaff = (role: Role): boolean => role === 'staff' || role === 'admin';
/** Admins only: users, devices, the audit log. */
export const isAdmin = (role: Role): boolean => role === 'admin';
/** Leaders, staff and admins may run meetings and write notes. */
export const canPresent = (role: Role): boolean => role === 'leader' || isStaff(role);
/** Users of a reporting agency: they see and answer the notes addressed to their agency. */
export const answersNotes = (role: Role): boolean => role === 'agency';
