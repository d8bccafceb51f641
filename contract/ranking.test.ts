import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod } from './period.ts';
import { competitionRanks, rankingPeriod } from './ranking.ts';

test('competition ranking: ties share a rank, the next one skips', () => {
  const cases: [number[], number[]][] = [
    [[], []],
    [[7], [1]],
    [
      [3, 5, 5, 8],
      [1, 2, 2, 4],
    ],
    [
      [0, 0, 0, 0],
      [1, 1, 1, 1],
    ],
    [
      [1, 1, 2, 3, 3, 3, 9],
      [1, 1, 3, 4, 4, 4, 7],
    ],
    [
      [9, 8, 7],
      [1, 2, 3],
    ],
  ];
  for (const [values, ranks] of cases)
    assert.deepEqual(
      competitionRanks(values, (v) => v),
      ranks,
      values.join(','),
    );
  // On what the reader sees: 99,14 and 99,06 both read 99,1.
  assert.deepEqual(
    competitionRanks([99.14, 99.06, 98], (v) => v.toFixed(1)),
    [1, 1, 3],
  );
});

test('the period a ranking shows: the latest that at least half the communes reported', () => {
  const p = (code: string) => parsePeriod(code)!;
  const cases: [string, { period: string; count: number }[], number, string | null][] = [
    ['none', [], 65, null],
    [
      'all reported November',
      [
        { period: '2026-10', count: 65 },
        { period: '2026-11', count: 65 },
      ],
      65,
      '2026-11',
    ],
    [
      '48 of 65 in November',
      [
        { period: '2026-10', count: 63 },
        { period: '2026-11', count: 48 },
      ],
      65,
      '2026-11',
    ],
    [
      '3 early December figures do not make December',
      [
        { period: '2026-11', count: 60 },
        { period: '2026-12', count: 3 },
      ],
      65,
      '2026-11',
    ],
    [
      'exactly half (33 of 65) is enough',
      [
        { period: '2026-11', count: 60 },
        { period: '2026-12', count: 33 },
      ],
      65,
      '2026-12',
    ],
    [
      'only a few ever: the latest with any',
      [
        { period: '2026-09', count: 2 },
        { period: '2026-10', count: 1 },
      ],
      65,
      '2026-10',
    ],
    [
      'a zero count is no report',
      [
        { period: '2026-11', count: 40 },
        { period: '2026-12', count: 0 },
      ],
      65,
      '2026-11',
    ],
  ];
  for (const [name, reported, total, expected] of cases) {
    const got = rankingPeriod(
      reported.map((r) => ({ period: p(r.period), count: r.count })),
      total,
    );
    assert.equal(got && `${got.year}-${String(got.index).padStart(2, '0')}`, expected, name);
  }
});
