import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import LabView from '../../../src-renderer/views/lab/LabView.svelte';
import { stubBrowserGaps } from './lab-dom-stubs';

// uPlot draws on a canvas jsdom doesn't have; the charts' data flow is what is tested here.
vi.mock('uplot', () => ({
  default: class {
    setData() {}
    setSize() {}
    destroy() {}
  },
}));

async function openLab() {
  render(LabView);
  const play = await screen.findByRole('button', { name: 'Play' });
  await waitFor(() => expect((play as HTMLButtonElement).disabled).toBe(false));
  return play;
}

const iteration = () => screen.getByTestId('lab-iteration').textContent;

describe('LabView', () => {
  beforeAll(stubBrowserGaps);
  afterEach(cleanup);

  it('play and pause toggle the button and the status', async () => {
    const play = await openLab();
    await fireEvent.click(play);
    screen.getByRole('button', { name: 'Pause' });
    expect(screen.getByRole('status', { name: 'Training state' }).textContent).toBe('Training');
    await fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    screen.getByRole('button', { name: 'Play' });
    expect(screen.getByRole('status', { name: 'Training state' }).textContent).toBe('Paused');
  });

  it('the step buttons train one iteration at a time, and Reset starts over', async () => {
    await openLab();
    const steps = screen.getByRole('group', { name: 'One step' });
    await fireEvent.click(within(steps).getByRole('button', { name: 'Step D' }));
    await fireEvent.click(within(steps).getByRole('button', { name: 'Step G' }));
    await fireEvent.click(within(steps).getByRole('button', { name: 'Step both' }));
    expect(iteration()).toBe('3');
    await fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(iteration()).toBe('0'));
  });

  it('settings change the model the exported code describes', async () => {
    await openLab();
    await fireEvent.change(screen.getByRole('combobox', { name: 'D learning rate' }), {
      target: { value: '0.1' },
    });
    await fireEvent.change(screen.getByRole('combobox', { name: 'G hidden units' }), {
      target: { value: '32' },
    });
    await fireEvent.change(screen.getByRole('combobox', { name: 'Loss' }), {
      target: { value: 'least-squares' },
    });
    const keras = screen.getByLabelText('Keras snippet').textContent ?? '';
    expect(keras).toContain('layers.Dense(32, activation="relu"');
    expect(keras).toContain('keras.optimizers.Adam(learning_rate=0.1)');
    expect(keras).toContain('loss="mse"');
  });

  it('every layer of the canvas has its own labelled switch', async () => {
    await openLab();
    const layers = screen.getByRole('group', { name: 'Show' });
    const arrows = within(layers).getByRole('checkbox', { name: "G's gradient at each generated point" });
    expect((arrows as HTMLInputElement).checked).toBe(false);
    await fireEvent.click(arrows);
    expect((arrows as HTMLInputElement).checked).toBe(true);
    for (const name of [
      'Real points',
      'Generated points',
      "D's output (heat map)",
      "G's mapping of the latent grid",
    ]) {
      within(layers).getByRole('checkbox', { name });
    }
  });

  it('answers the keyboard: Space plays and pauses, S steps, unless a control has focus', async () => {
    await openLab();
    await fireEvent.keyDown(document.body, { key: ' ' });
    screen.getByRole('button', { name: 'Pause' });
    await fireEvent.keyDown(document.body, { key: ' ' });
    await fireEvent.keyDown(document.body, { key: 's' });
    expect(Number(iteration())).toBeGreaterThanOrEqual(1);
    const before = iteration();
    await fireEvent.keyDown(screen.getByRole('combobox', { name: 'Loss' }), { key: 's' });
    expect(iteration()).toBe(before);
  });

  it('offers drawing your own target, and training waits for a drawing', async () => {
    await openLab();
    await fireEvent.change(screen.getByRole('combobox', { name: 'Target' }), { target: { value: 'drawn' } });
    expect((screen.getByRole('button', { name: 'Play' }) as HTMLButtonElement).disabled).toBe(true);
    screen.getByRole('img', { name: /Drag on it to draw/ });
    expect((screen.getByRole('button', { name: 'Clear drawing' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
