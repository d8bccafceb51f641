import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ValueHistoryItem } from '../../../contract/trust.ts';
import { statusPath, statusPathText } from './status-path.ts';

const item = (status: ValueHistoryItem['status'], value: number | null, updatedAt: string): ValueHistoryItem => ({
  value,
  plan: null,
  status,
  reporter: 'STC',
  updatedAt,
  seenAt: updatedAt,
});

test('the status path: each status once, revisions at a status marked, re-reads not steps', () => {
  const cases: [string, ValueHistoryItem[], string[]][] = [
    ['nothing yet', [], []],
    ['an estimate', [item('estimate', 4120.5, '2026-11-20T03:00:00Z')], ['Ước tính 4.120,5 tỷ đồng (20/11/2026)']],
    [
      'estimate → official (the normal path, no revision)',
      [item('estimate', 4120.5, '2026-11-20T03:00:00Z'), item('official', 4180, '2026-12-05T03:00:00Z')],
      ['Ước tính 4.120,5 tỷ đồng (20/11/2026)', 'Chính thức 4.180 tỷ đồng (05/12/2026)'],
    ],
    [
      'official corrected later',
      [
        item('estimate', 4120.5, '2026-11-20T03:00:00Z'),
        item('preliminary', 4150, '2026-11-28T03:00:00Z'),
        item('official', 4180, '2026-12-05T03:00:00Z'),
        item('official', 4190, '2026-12-12T03:00:00Z'),
      ],
      [
        'Ước tính 4.120,5 tỷ đồng (20/11/2026)',
        'Sơ bộ 4.150 tỷ đồng (28/11/2026)',
        'Chính thức 4.180 tỷ đồng (05/12/2026)',
        'Chính thức (điều chỉnh) 4.190 tỷ đồng (12/12/2026)',
      ],
    ],
    [
      'the same figure seen twice is one step',
      [item('official', 4180, '2026-12-05T03:00:00Z'), item('official', 4180, '2026-12-05T03:00:00Z')],
      ['Chính thức 4.180 tỷ đồng (05/12/2026)'],
    ],
  ];
  for (const [name, items, want] of cases) {
    const steps = statusPath(items, 'tỷ đồng');
    assert.deepEqual(
      steps.map((s) => `${s.label} ${s.valueText} (${s.dateText})`),
      want,
      name,
    );
    assert.equal(statusPathText(steps), want.join(' → '), name);
  }
  assert.deepEqual(
    statusPath([item('official', 1, '2026-12-05T03:00:00Z'), item('official', 2, '2026-12-06T03:00:00Z')], '%').map(
      (s) => s.revision,
    ),
    [false, true],
  );
});
