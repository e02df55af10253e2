// The training lab's heat maps, for readers who cannot see them: each has a text alternative and a
// "Data table" under it, an 11 x 11 sample of the grid it was given (checked against the same
// network trained by the core in Node), built only while open, following training at most twice a
// second, and passing axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from 'activation-derivations';
import { axeViolations, sharedPage } from './harness.mjs';

const shared = sharedPage({ bypassCSP: true });
const core = await loadCore();

// Rows and columns of a heat map's table; cells of its map at rest (web/js/figures/heatmap.js MAX_CELLS).
const SIDE = 11;
const CELLS = 48;

// A number as the page writes it ("−1.2") read back.
const read = (text) => Number(text.replace(/\u2212/g, '-'));

// The table under run `id`'s map, as {caption, head: [[tag, scope, text]], rows: [[[tag, scope, text]]]}.
function gridTable(page, id) {
  return page.locator(`#${id} figure.heatmap details.data-table table`).evaluate((node) => {
    const cells = (row) => [...row.cells].map((cell) => [cell.tagName, cell.scope, cell.textContent]);
    return { caption: node.caption?.textContent ?? '', head: node.tHead ? cells(node.tHead.rows[0]) : [],
      rows: node.tBodies[0] ? [...node.tBodies[0].rows].map(cells) : [] };
  });
}

// The core's grid for the lab's default run (preset relu_dies) after `epochs` epochs, at rest.
function expectedGrid(epochs, extent) {
  const preset = core.labPresets().find(({ id }) => id === 'relu_dies');
  const data = core.generateDataset(preset.dataset, preset.points, preset.noise, preset.dataSeed);
  const trainer = core.createTrainer(preset.config, data);
  try {
    trainer.step(epochs * trainer.state().batchesPerEpoch);
    const half = extent / CELLS;
    return { grid: trainer.grid(CELLS, CELLS, -extent + half, extent - half, -extent + half, extent - half),
      counts: [0, 1].map((label) => data.label.filter((l) => l === label).length) };
  } finally {
    trainer.dispose();
  }
}

// Checks run A's open table against the core's grid after `epochs` epochs.
async function assertMatchesCore(page, epochs) {
  const extent = await page.locator('#train-run-a canvas').evaluate((canvas) => canvas.chart.options.scales.x.max);
  const { grid, counts } = expectedGrid(epochs, extent);
  const table = await gridTable(page, 'train-run-a');
  assert.equal(table.caption, `11 × 11 evenly spaced of the 48 × 48 cells, x\u2081 across and x\u2082 from top to bottom. `
    + `Decision region of “ReLU dies: negative initial bias” after epoch ${epochs}. Each cell gives the class predicted there, `
    + `then in brackets the probability of class 1. Training points: ${counts[0]} of class 0 (blue circles), ${counts[1]} of class 1 (orange triangles).`);
  const picked = Array.from({ length: SIDE }, (_, k) => Math.round((k * (CELLS - 1)) / (SIDE - 1)));
  const centre = (i) => -extent + ((2 * i + 1) * extent) / CELLS;
  assert.deepEqual(table.head[0], ['TD', '', '']);
  assert.equal(table.head.length, SIDE + 1);
  table.head.slice(1).forEach(([tag, scope, text], k) => {
    assert.deepEqual([tag, scope], ['TH', 'col']);
    const [name, value] = text.split(' = ');
    assert.equal(name, 'x\u2081');
    assert.equal(read(value), Number(centre(picked[k]).toPrecision(3)), `column ${k}: ${text}`);
  });
  assert.equal(table.rows.length, SIDE);
  table.rows.forEach((row, r) => {
    // From the top: the largest x2 first.
    const j = picked[SIDE - 1 - r];
    assert.deepEqual(row[0].slice(0, 2), ['TH', 'row']);
    assert.equal(row[0][2].split(' = ')[0], 'x\u2082');
    assert.equal(read(row[0][2].split(' = ')[1]), Number(centre(j).toPrecision(3)), `row ${r}: ${row[0][2]}`);
    assert.equal(row.length, SIDE + 1);
    row.slice(1).forEach(([tag, , text], k) => {
      assert.equal(tag, 'TD');
      const p = grid[j * CELLS + picked[k]];
      const match = /^([01]) \((\d\.\d\d)\)$/.exec(text);
      assert.ok(match, `cell (${r}, ${k}): ${text}`);
      assert.equal(Number(match[1]), p < 0.5 ? 0 : 1, `cell (${r}, ${k}): ${text} for p = ${p}`);
      assert.ok(Math.abs(Number(match[2]) - p) <= 0.005 + 1e-12, `cell (${r}, ${k}): ${text} for p = ${p}`);
    });
  });
}

test('each heat map has a text alternative and a closed, unbuilt data table under its caption', async () => {
  const { page } = shared.view;
  const maps = await page.evaluate(() => [...document.querySelectorAll('#training-lab figure.heatmap')].map((figure) => {
    const canvas = figure.querySelector('canvas');
    const details = figure.querySelector(':scope > figcaption + details.data-table');
    return { role: canvas.getAttribute('role'), label: canvas.getAttribute('aria-label') ?? '', table: Boolean(details),
      open: details?.open, rows: details?.querySelectorAll('tr').length, summary: details?.querySelector('summary')?.textContent };
  }));
  assert.equal(maps.length, 2);
  for (const map of maps) {
    assert.equal(map.role, 'img');
    assert.match(map.label, /^Decision region after epoch 0: /);
    assert.deepEqual([map.table, map.open, map.rows, map.summary], [true, false, 0, 'Data table']);
  }
});

test('opened by keyboard, the table shows 11 × 11 cells of the map as the core computes it', async () => {
  const { page } = shared.view;
  const summary = page.locator('#train-run-a figure.heatmap details.data-table > summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#train-run-a figure.heatmap details.data-table').evaluate((details) => details.open), true);
  await assertMatchesCore(page, 0);
  // The region that scrolls it is named after its run, so the two maps' regions differ.
  const names = await page.evaluate(() => [...document.querySelectorAll('#training-lab .heatmap .data-table-scroll')]
    .map((region) => region.getAttribute('aria-label')));
  assert.match(names[0], /^Data table: Decision region of “ReLU dies/);
});

test('the open table follows the map: one epoch stepped, then training, redrawn at most twice a second', async () => {
  const { page } = shared.view;
  await page.locator('#training-lab [data-action="step"]').click();
  await page.waitForFunction(() => document.querySelector('#train-run-a figure.heatmap caption')?.textContent.includes('after epoch 1.'));
  await assertMatchesCore(page, 1);

  // Counts the table's rebuilds (each replaces its caption) while the lab trains for two seconds.
  await page.evaluate(() => {
    const table = document.querySelector('#train-run-a figure.heatmap details.data-table table');
    window.tableBuilds = [];
    new MutationObserver(() => window.tableBuilds.push([performance.now(), table.caption?.textContent ?? '']))
      .observe(table, { childList: true });
    window.mapPaints = 0;
    const { chart } = document.querySelector('#train-run-a canvas');
    const draw = chart.draw.bind(chart);
    chart.draw = () => {
      window.mapPaints += 1;
      draw();
    };
  });
  await page.locator('#training-lab [data-action="start"]').click();
  await page.waitForTimeout(2000);
  await page.locator('#training-lab [data-action="pause"]').click();
  const { builds, paints } = await page.evaluate(() => ({ builds: window.tableBuilds, paints: window.mapPaints }));
  const epochs = builds.map(([, caption]) => Number(/after epoch (\d+)\./.exec(caption)[1]));
  assert.ok(new Set(epochs).size >= 2, `the table showed epochs ${epochs.join(', ')}`);
  assert.ok(paints > builds.length, `${paints} repaints of the map, ${builds.length} rebuilds of the table`);
  for (let k = 1; k < builds.length; k += 1) {
    // Pause repaints at once (a click, not training): the last rebuild may follow the one before closely.
    if (k === builds.length - 1) break;
    assert.ok(builds[k][0] - builds[k - 1][0] >= 490, `rebuilt ${builds[k][0] - builds[k - 1][0]} ms after the last`);
  }
  // At rest the table shows the map as painted at full resolution after Pause.
  await page.waitForFunction(() => {
    const caption = document.querySelector('#train-run-a figure.heatmap caption')?.textContent ?? '';
    return caption.startsWith('11 × 11 evenly spaced of the 48 × 48')
      && caption.includes(`after epoch ${document.querySelector('#train-run-a [data-slot="epoch"]').textContent}.`);
  });
});

test('axe-core: no violations with both heat maps\' tables open', async () => {
  const { page } = shared.view;
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('#training-lab figure.heatmap details.data-table')) details.open = true;
  });
  const rows = await page.evaluate(() => [...document.querySelectorAll('#training-lab figure.heatmap details.data-table tbody tr')].length);
  assert.equal(rows, 2 * SIDE);
  assert.deepEqual(await axeViolations(page), []);
});

test('closed again, a table is emptied and stops following the map', async () => {
  const { page } = shared.view;
  const details = page.locator('#train-run-a figure.heatmap details.data-table');
  await details.locator('summary').click();
  await page.locator('#training-lab [data-action="step"]').click();
  await page.waitForTimeout(600);
  assert.equal(await details.evaluate((node) => node.querySelectorAll('tr').length), 0);
});
