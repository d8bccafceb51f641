/**
 * Wire bodies of identity (ARCHITECTURE.md "Identity and scope"): sign-in, the session, user and device
 * administration, pairing, the audit log, and the users file of a first install. Times travel as ISO-8601
 * text. Messages people read (the admin UI) are Vietnamese.
 */
import { z } from 'zod';
import { ROLES } from './roles.ts';
import type { Scope } from './scope.ts';

export type { Scope } from './scope.ts';

export const USERNAME_MAX_LENGTH = 64;
export const PASSWORD_MIN_LENGTH = 10;
/** scrypt has no length limit of its own; the bound only keeps a request from costing much. */
export const PASSWORD_MAX_LENGTH = 256;

/** The pairing code a waiting screen shows: no 0/O, 1/I/L, so it reads the same aloud and on a wall. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 6;

/**
 * The minimum password policy, as the sentences to show (empty: acceptable). Pure, so the admin UI
 * checks a new password before sending it and the server checks it again.
 */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`Mật khẩu không được dài quá ${PASSWORD_MAX_LENGTH} ký tự.`);
  if (password.trim().toLowerCase() === username.trim().toLowerCase())
    problems.push('Mật khẩu không được trùng với tên đăng nhập.');
  return problems;
}

export const RoleSchema = z.enum(ROLES);

const scopeList = z.union([z.literal('*'), z.array(z.string().min(1).max(64)).max(500)]);
export const ScopeSchema: z.ZodType<Scope> = z.object({ groups: scopeList, areas: scopeList }).strict();

/** A new account's name: letters without diacritics, digits, `.`, `_`, `-` (it appears in URLs and logs). */
export const UsernameSchema = z
  .string()
  .trim()
  .min(2, 'Tên đăng nhập cần ít nhất 2 ký tự.')
  .max(USERNAME_MAX_LENGTH, `Tên đăng nhập không quá ${USERNAME_MAX_LENGTH} ký tự.`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Tên đăng nhập chỉ gồm chữ không dấu, số và các dấu . _ -');
const displayName = z.string().trim().min(1, 'Cần có tên hiển thị.').max(200);
/** An agency's reporter code, e.g. `STC` (the `reporter` column of the reporting table). */
const reporterCode = z.string().trim().min(1).max(64);
const newPassword = z.string().min(1, 'Cần nhập mật khẩu.').max(PASSWORD_MAX_LENGTH);

// ---------------------------------------------------------------------------------------------------
// Sign-in and the session

/** POST /api/session. Bounded, not shaped: a malformed name is simply a wrong one (401). */
export const SignInRequestSchema = z
  .object({ username: z.string().min(1).max(128), password: z.string().min(1).max(PASSWORD_MAX_LENGTH) })
  .strict();
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

/** GET /api/session: who the caller is. A device reads as a viewer of its pages' groups. */
export type SessionInfo =
  | {
      kind: 'user';
      id: string;
      username: string;
      name: string;
      role: z.infer<typeof RoleSchema>;
      scope: Scope;
      agency?: string;
      /** The account was given a password by someone else: the UI asks for a new one first. */
      mustChangePassword: boolean;
    }
  | { kind: 'device'; id: string; name: string; role: 'viewer'; scope: Scope; screen: string };

// ---------------------------------------------------------------------------------------------------
// User administration (admin)

function agencyNeedsReporter(body: { role?: string; agency?: string | null }, ctx: z.RefinementCtx): void {
  if (body.role === 'agency' && !body.agency)
    ctx.addIssue({ code: 'custom', path: ['agency'], message: 'Tài khoản cơ quan cần mã cơ quan báo cáo (ví dụ STC).' });
}

/** POST /api/users. The password is a first one: the user is asked to change it. */
export const CreateUserRequestSchema = z
  .object({
    username: UsernameSchema,
    name: displayName,
    role: RoleSchema,
    scope: ScopeSchema,
    agency: reporterCode.optional(),
    password: newPassword,
  })
  .strict()
  .superRefine(agencyNeedsReporter);
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

/** PATCH /api/users/:id: any of these; `agency: null` clears it. */
export const UpdateUserRequestSchema = z
  .object({
    name: displayName.optional(),
    role: RoleSchema.optional(),
    scope: ScopeSchema.optional(),
    agency: reporterCode.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Không có gì để thay đổi.')
  .superRefine(agencyNeedsReporter);
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

/** POST /api/users/:id/password (admin): a new first password; the user's sessions end. */
export const ResetPasswordRequestSchema = z.object({ password: newPassword }).strict();
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequestSchema>;

/** PUT /api/session/password: the signed-in user changes their own password. */
export const ChangePasswordRequestSchema = z
  .object({ current: z.string().min(1).max(PASSWORD_MAX_LENGTH), next: newPassword })
  .strict();
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

/** One account as the admin UI lists it (never a password hash). */
export interface UserInfo {
  id: string;
  username: string;
  name: string;
  role: z.infer<typeof RoleSchema>;
  scope: Scope;
  agency: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------------
// Devices and pairing

/** POST /api/pairings (a screen with no credential): what it shows and what it keeps to claim. */
export interface PairingStart {
  pairingId: string;
  /** Shown on the screen; staff type it in /admin. */
  code: string;
  /** Kept by the screen only; proves it is the one that asked. */
  claimSecret: string;
  expiresAt: string;
}

/** Staff type the code however it looks (`abc 123`, `ABC-123`); it is compared in capitals. */
export const PairingCodeSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .length(PAIRING_CODE_LENGTH, `Mã ghép nối gồm ${PAIRING_CODE_LENGTH} ký tự.`)
      .regex(new RegExp(`^[${PAIRING_CODE_ALPHABET}]+$`), 'Mã ghép nối không hợp lệ.'),
  );

/** POST /api/devices (staff): bind the waiting screen showing `code` to a display or page. */
export const EnrolRequestSchema = z
  .object({
    code: PairingCodeSchema,
    screen: z.string().trim().min(1).max(100),
    name: displayName,
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

/** POST /api/pairings/:id/claim by the waiting screen. */
export const PairingClaimRequestSchema = z.object({ claimSecret: z.string().min(1).max(200) }).strict();
export type PairingClaimRequest = z.infer<typeof PairingClaimRequestSchema>;

export interface DeviceInfo {
  id: string;
  name: string;
  /** The display or page id it shows. */
  screen: string;
  /** `config`: from devices.yaml; `paired`: enrolled from /admin. */
  origin: 'paired' | 'config';
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

/**
 * The claim's answer: keep asking while waiting. `paired` comes with the device credential as the HttpOnly
 * `ioc_device` cookie (exactly once), never in the body, so no script on the page can read it.
 */
export type PairingClaim = { status: 'waiting' } | { status: 'paired'; device: DeviceInfo } | { status: 'expired' };

// ---------------------------------------------------------------------------------------------------
// Audit

export const AUDIT_OUTCOMES = ['ok', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const ACTOR_KINDS = ['user', 'device', 'system', 'anonymous'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface AuditEntry {
  /** Grows with every entry; the `before` cursor of the next page. */
  id: string;
  at: string;
  actor: { kind: ActorKind; id: string | null; name: string | null };
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export const AUDIT_PAGE_MAX = 500;

/** GET /api/audit query string (every field arrives as text). */
export const AuditQuerySchema = z
  .object({
    actor: z.string().min(1).max(200).optional(),
    action: z.string().min(1).max(100).optional(),
    target: z.string().min(1).max(200).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(100),
    before: z
      .string()
      .regex(/^\d{1,19}$/)
      .optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the older entries; null on the last page. */
  nextBefore: string | null;
}

// ---------------------------------------------------------------------------------------------------
// The users file of a first install (e.g. config/users.yaml, read once when the database has no users)

const scryptHash = z
  .string()
  .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'not a scrypt$N$r$p$salt$hash value');

export const UsersFileSchema = z
  .object({
    users: z.array(
      z
        .object({
          username: UsernameSchema,
          name: displayName,
          role: RoleSchema,
          /** Omitted: everything (staff and admins read everything whatever it says). */
          scope: ScopeSchema.default({ groups: '*', areas: '*' }),
          agency: reporterCode.optional(),
          /** A first password in clear text: the user must change it at first sign-in. */
          password: z.string().min(1).max(PASSWORD_MAX_LENGTH).optional(),
          /** A hash made beforehand (`scrypt$32768$8$1$…`), so no clear password sits in the file. */
          passwordHash: scryptHash.optional(),
        })
        .strict()
        .superRefine((u, ctx) => {
          if ((u.password === undefined) === (u.passwordHash === undefined))
            ctx.addIssue({ code: 'custom', path: ['password'], message: 'give exactly one of password or passwordHash' });
          agencyNeedsReporter(u, ctx);
        }),
    ),
  })
  .strict();
export type UsersFile = z.infer<typeof UsersFileSchema>;
export type UsersFileEntry = UsersFile['users'][number];

// ---------------------------------------------------------------------------------------------------
// Error codes of the identity routes (besides the common ones of contract/http.ts)

export const IDENTITY_ERROR_CODES = [
  'invalid-credentials',
  'throttled',
  'wrong-password',
  'weak-password',
  'unknown-code',
  'username-taken',
  'last-admin',
  'token-in-url',
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

/** GET /api/home: the links of a signed-in person's home page. */
export interface HomePayload {
  pages: { id: string; title: string }[];
  displays: { id: string; name: string; wall: string }[];
  tablet: boolean;
  /** Staff and admins: the workspace (/admin: screens, devices, rejected inputs). */
  admin: boolean;
  /** Admins: users and the audit log. */
  users: boolean;
  /** Leaders, staff and agency users: notes and explanation requests (/notes). */
  notes?: boolean;
}
