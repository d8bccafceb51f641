/**
 * What a reader of a printed meeting pack would see at the foot of each page, measured on the pixels
 * (pdftoppm): text a page clips away is still in the PDF's text layer, so pdftotext cannot tell.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The wall canvas behind the panels (`--canvas` in dashboard/src/styles.css); panels are lighter. */
const CANVAS_RGB = [0x0a, 0x11, 0x1b] as const;
const SAME_COLOUR_SUM = 6;

/**
 * For each page, the share of bare canvas in the band just above the stamp (84–92 % of the height),
 * in each third of the width. A sheet whose panels reach down to the stamp gives a few per cent (the
 * gaps between panels); a page cut off part-way down gives nearly 1 in the thirds it lost.
 */
export function bareFootShares(pdfFile: string): number[][] {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-pdf-pages-'));
  try {
    execFileSync('pdftoppm', ['-r', '30', pdfFile, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((n) => n.endsWith('.ppm'))
      .sort()
      .map((n) => footShares(readFileSync(join(dir, n))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function footShares(ppm: Buffer): number[] {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm wrote no binary PPM');
  const [width, height, offset] = [Number(header[1]), Number(header[2]), header[0].length];
  const shares: number[] = [];
  for (let third = 0; third < 3; third++) {
    let pixels = 0;
    let bare = 0;
    for (let y = Math.floor(height * 0.84); y < Math.floor(height * 0.92); y++) {
      for (let x = Math.floor((width * third) / 3); x < Math.floor((width * (third + 1)) / 3); x++) {
        const i = offset + 3 * (y * width + x);
        const diff = CANVAS_RGB.reduce((sum, c, k) => sum + Math.abs(ppm[i + k]! - c), 0);
        pixels++;
        if (diff <= SAME_COLOUR_SUM) bare++;
      }
    }
    shares.push(bare / pixels);
  }
  return shares;
}
