// The enterprise detail's budget panel (year and month, energy and carbon, with the cumulative
// chart) and the baseline on its load chart: the demo stack has no 2 weeks of history, so the
// view must say the baseline needs more data rather than draw nothing silently.
import { describe, expect, it } from 'vitest';
import { pageForFile, screenshot, signIn } from './chromium.js';

const page = pageForFile();

describe('the enterprise budget panel and baseline', () => {
  it('shows budget bars with a level, the cumulative chart, and what became of the baseline', async () => {
    await signIn(page(), 'steel', 'lingtan-steel-demo');
    await page().getByTestId('enterprise-detail').waitFor({ timeout: 30_000 });
    const panel = page().getByTestId('budget-panel');
    await panel.getByTestId('budget-month-energyTce').waitFor({ timeout: 30_000 });
    // ent-steel has an annual 17,000 tce budget in the demo registry: a level badge, not "no budget".
    const month = await panel.getByTestId('budget-month-energyTce').textContent();
    expect(month).toContain('tce');
    expect(month).not.toContain('未设定预算');
    expect(await panel.locator('.pill').count()).toBe(4);
    await panel.getByTestId('budget-chart').locator('canvas').first().waitFor({ timeout: 30_000 });

    const note = page().getByTestId('baseline-note');
    await note.waitFor({ timeout: 30_000 });
    // Either how the baseline was made, or that it needs two weeks of data: never silence.
    expect(await note.textContent()).toMatch(/基线/);
    await screenshot(page(), 'browser-enterprise-budget');

    await panel.getByTestId('budget-period').getByText('本年').click();
    await panel.getByTestId('budget-figure').getByText('碳排放').click();
    await page().waitForTimeout(300); // the chart redraws on the next frame
    await panel.screenshot({ path: (await screenshot(page(), 'browser-enterprise-budget-year')).replace('.png', '-panel.png') });
  });
});
