/**
 * Meetings (ARCHITECTURE.md "Meetings"): a presenter's tablet drives wall displays and follower tablets.
 * Socket payloads, notes and meeting-pack exports. The server validates every client message with these
 * schemas; the dashboard uses the inferred types.
 */
import { z } from 'zod';

/**
 * A period as the tablet picks it, in Vietnamese terms: a reported period code (`2026-10` tháng,
 * `2026-Q3` quý, `2026-H1` 6 tháng, `2026` năm) or a roll-up of monthly figures: `2026-9M` (9 tháng) and
 * `2026-10-YTD` (lũy kế to the end of October). contract/rollup.ts computes roll-ups.
 */
export const PeriodSelectionSchema = z
  .string()
  .max(16)
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-YTD)?|-Q[1-4]|-H[12]|-9M)?$/,
    "a period such as '2026-10', '2026-Q3', '2026-H1', '2026-9M', '2026-10-YTD' or '2026'",
  );

const groupId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/)
  .max(64);
const indicatorRef = z
  .string()
  .regex(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/)
  .max(128);
const areaRef = z.string().regex(/^\d{2}$|^\d{5}$/, 'a 2-digit province or 5-digit commune code');

/** What is on screen. The server checks every name against the catalog and the caller's scope. */
export const ViewSchema = z
  .object({
    group: groupId,
    indicator: indicatorRef.optional(),
    area: areaRef.optional(),
    period: PeriodSelectionSchema.optional(),
    compare: z
      .object({
        areas: z.array(areaRef).min(2).max(8).optional(),
        periods: z.array(PeriodSelectionSchema).min(2).max(4).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type View = z.infer<typeof ViewSchema>;

const meetingId = z.string().min(1).max(64);
const displayId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/)
  .max(64);

export const MeetingStartSchema = z
  .object({ title: z.string().trim().min(1).max(200), displays: z.array(displayId).max(32) })
  .strict();
export const MeetingRefSchema = z.object({ id: meetingId }).strict();
export const MeetingNavigateSchema = z.object({ id: meetingId, view: ViewSchema }).strict();
export const MeetingHandoverSchema = z.object({ id: meetingId, to: z.string().min(1).max(128) }).strict();
export type MeetingStart = z.infer<typeof MeetingStartSchema>;
export type MeetingRef = z.infer<typeof MeetingRefSchema>;
export type MeetingNavigate = z.infer<typeof MeetingNavigateSchema>;
export type MeetingHandover = z.infer<typeof MeetingHandoverSchema>;

export interface MeetingMember {
  id: string;
  name: string;
}

export interface MeetingState {
  id: string;
  /** Grows by 1 on every change; a client ignores a state older than the one it shows. */
  version: number;
  title: string;
  presenter: MeetingMember;
  /** Display (wall screen) ids that follow the meeting. */
  displays: string[];
  view: View | null;
  /** ISO-8601; while set, every member and display shows the figures as they were then. */
  frozenAt: string | null;
  members: MeetingMember[];
  startedAt: string;
  /** Set once, in the last state sent: the meeting is over and displays return to their playlists. */
  endedAt?: string | null;
}

export const MEETING_ERROR_CODES = [
  'forbidden',
  'not-found',
  'invalid-payload',
  'unknown-group',
  'unknown-indicator',
  'unknown-area',
  'bad-period',
] as const;
export type MeetingErrorCode = (typeof MEETING_ERROR_CODES)[number];

// ---- Notes and explanation requests (REST; socket `note:changed`) ------------------------------------------

/** 4,000 characters: a paragraph or two; a 1 MB note is refused with `payload-too-large` or `invalid-payload`. */
export const NOTE_TEXT_MAX = 4000;
export const NOTE_KINDS = ['note', 'explanation'] as const;
export const NOTE_STATUSES = ['open', 'answered', 'closed'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export type NoteStatus = (typeof NOTE_STATUSES)[number];

const noteText = z.string().trim().min(1).max(NOTE_TEXT_MAX);

export const CreateNoteSchema = z
  .object({
    indicator: indicatorRef,
    area: areaRef,
    period: PeriodSelectionSchema,
    text: noteText,
    kind: z.enum(NOTE_KINDS),
    /** The meeting the note was written in, if any. */
    meeting: meetingId.optional(),
  })
  .strict();
export const NoteReplySchema = z.object({ text: noteText }).strict();
export const NoteStatusSchema = z.object({ status: z.enum(NOTE_STATUSES) }).strict();
export type CreateNote = z.infer<typeof CreateNoteSchema>;

/** GET /api/notes query string: every filter optional, newest first, at most NOTES_PAGE_MAX. */
export const NOTES_PAGE_MAX = 200;
export const NoteQuerySchema = z
  .object({
    status: z.enum(NOTE_STATUSES).optional(),
    reporter: z
      .string()
      .regex(/^[A-Z0-9_]{1,32}$/, 'a reporter code such as STC')
      .optional(),
    indicator: indicatorRef.optional(),
    area: areaRef.optional(),
    period: PeriodSelectionSchema.optional(),
  })
  .strict();
export type NoteQuery = z.infer<typeof NoteQuerySchema>;

export interface NoteReply {
  id: string;
  author: MeetingMember;
  text: string;
  at: string;
}

export interface Note {
  id: string;
  indicator: string;
  area: string;
  period: string;
  kind: NoteKind;
  status: NoteStatus;
  /** The reporting agency the note is addressed to (the indicator's reporter code). */
  reporter: string;
  text: string;
  author: MeetingMember;
  meeting: string | null;
  createdAt: string;
  updatedAt: string;
  replies: NoteReply[];
}

// ---- Meeting pack -------------------------------------------------------------------------------------------

/** At most this many views in one PDF: 500 is refused with `invalid-payload`. */
export const EXPORT_VIEWS_MAX = 40;
export const PdfExportSchema = z
  .object({ views: z.array(ViewSchema).min(1).max(EXPORT_VIEWS_MAX), meeting: meetingId.optional() })
  .strict();
export type PdfExport = z.infer<typeof PdfExportSchema>;
