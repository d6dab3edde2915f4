import { describe, expect, it } from 'vitest';
import { seriesToCsv } from './csv.js';

describe('CSV export', () => {
  it('writes one row per time, empty cells for gaps, a BOM and CRLF, and quotes awkward fields', () => {
    const csv = seriesToCsv(
      [
        { label: '1号主变', unit: 'kW', points: [[1000, 5], [2000, 6]] },
        { label: 'say "hi", ok', unit: 'kW', points: [[2000, 7]] },
      ],
      '时间',
      (ms) => `t${ms / 1000}`,
    );
    expect(csv).toBe('\uFEFF时间,epoch_ms,1号主变 (kW),"say ""hi"", ok (kW)"\r\nt1,1000,5,\r\nt2,2000,6,7\r\n');
  });
});
