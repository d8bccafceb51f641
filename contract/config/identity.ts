/**
 * Settings of single sign-on through the province's OpenID Connect provider (later `config/identity.yaml`),
 * and the mapping from the provider's claims to a role and a scope (ARCHITECTURE.md "Identity and scope").
 *
 * Secrets never live in YAML: `clientSecretEnv` names the environment variable that holds the client secret.
 * `.strict()` everywhere, as in contract/config.ts: a mistyped key is an error that names it.
 */
import { z } from 'zod';
import { ROLES, isStaff } from '../roles.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

const claimName = z.string().min(1).max(200);
const groupId = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a group id: lower-case letters, digits, "-" or "_"');
const areaCode = z.string().regex(/^\d{2}$|^\d{5}$/, 'a 2-digit province or 5-digit commune code, in quotes');
/** A reporter code such as `STC` (the agency a note is addressed to). */
export const agencyCode = z.string().regex(/^[A-Z0-9_]{1,32}$/, 'a reporter code such as STC');

const issuerUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'the issuer URL, e.g. https://sso.khanhhoa.gov.vn/realms/ioc' });
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    ctx.addIssue({ code: 'custom', message: 'the issuer must use https (plain http only on 127.0.0.1 or localhost, for tests)' });
  if (url.search || url.hash) ctx.addIssue({ code: 'custom', message: 'the issuer has no query or fragment' });
  if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'the issuer carries no credentials' });
});

/** The scope a rule grants when the claims do not say: each side a list, or "*" for all. */
export const ScopeDefaultSchema = z
  .object({
    groups: z.union([z.literal('*'), z.array(groupId)]).optional(),
    areas: z.union([z.literal('*'), z.array(areaCode)]).optional(),
  })
  .strict();

export const RoleRuleSchema = z
  .object({
    /** Claim name; a dotted path (`realm_access.roles`) reaches into nested claims. */
    claim: claimName,
    /** Matches when the claim equals it, or when the claim is a list that contains it. */
    value: z.union([z.string().min(1), z.number(), z.boolean()]).transform(String),
    role: z.enum(ROLES),
    scope: ScopeDefaultSchema.optional(),
    /** For `role: agency`: the reporter code, when the claims do not carry it (`agencyClaim`). */
    agency: agencyCode.optional(),
  })
  .strict();
export type RoleRule = z.infer<typeof RoleRuleSchema>;

export const ClaimMappingSchema = z
  .object({
    usernameClaim: claimName.default('preferred_username'),
    /** The display name; the username when the claim is absent. */
    nameClaim: claimName.default('name'),
    /** Claims that carry the scope (a list, or a space- or comma-separated string); they win over a rule's `scope`. */
    scopeGroupsClaim: claimName.optional(),
    scopeAreasClaim: claimName.optional(),
    /** Claim that carries an agency's reporter code; wins over a rule's `agency`. */
    agencyClaim: claimName.optional(),
    /**
     * Tried in order, the first match wins: list them from the most powerful role down. An identity that
     * matches none is refused (`not-authorised`), never given a default role.
     */
    roles: z.array(RoleRuleSchema).min(1, 'at least one rule: an identity that matches no rule is refused'),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    mapping.roles.forEach((rule, i) => {
      const at = (key: string) => ['roles', i, key];
      if (isStaff(rule.role) && rule.scope)
        ctx.addIssue({ code: 'custom', path: at('scope'), message: 'staff and admins read everything; remove this scope' });
      if (rule.agency && rule.role !== 'agency')
        ctx.addIssue({ code: 'custom', path: at('agency'), message: 'only a rule with role: agency names an agency' });
      if (rule.role === 'agency' && !rule.agency && !mapping.agencyClaim)
        ctx.addIssue({
          code: 'custom',
          path: at('agency'),
          message: 'an agency rule needs `agency` (a reporter code) or mapping.agencyClaim',
        });
    });
  });
export type ClaimMapping = z.infer<typeof ClaimMappingSchema>;
export type ClaimMappingInput = z.input<typeof ClaimMappingSchema>;

export const OidcSettingsSchema = z
  .object({
    issuer: issuerUrl,
    clientId: z.string().min(1),
    /** The environment variable holding the client secret, e.g. IOC_OIDC_CLIENT_SECRET. */
    clientSecretEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'the name of an environment variable such as IOC_OIDC_CLIENT_SECRET (never the secret)'),
    clientAuth: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
    /** Path of the callback on this server; the provider must list `<public origin><redirectPath>`. */
    redirectPath: z
      .string()
      .regex(/^\/(?![/\\])[A-Za-z0-9/_.~-]*$/, 'a path on this server, such as /api/session/oidc/callback')
      .default('/api/session/oidc/callback'),
    scopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'one scope token, no spaces'))
      .refine((s) => s.includes('openid'), 'must include openid')
      .default(['openid', 'profile', 'email']),
    /** Ask the userinfo endpoint too (many providers put groups there rather than in the ID token). */
    userinfo: z.boolean().default(true),
    mapping: ClaimMappingSchema,
  })
  .strict();
export type OidcSettings = z.infer<typeof OidcSettingsSchema>;
export type OidcSettingsInput = z.input<typeof OidcSettingsSchema>;

/** The whole `identity.yaml`: single sign-on is optional; without `oidc` only passwords and tokens sign in. */
export const IdentitySettingsSchema = z.object({ oidc: OidcSettingsSchema.optional() }).strict();
export type IdentitySettings = z.infer<typeof IdentitySettingsSchema>;
