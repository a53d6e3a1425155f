import { describe, expect, it } from 'vitest';
import { procedureEdges, toMermaid, toSvg } from '../../engine/diagram/index.js';
import { loadToy } from './toy.js';

const proc = loadToy().procedures.get('full')!;

describe('diagrams', () => {
  it('derives every transition of every step kind', () => {
    const edges = procedureEdges(proc).map((e) => `${e.from}>${e.to}`);
    for (const e of ['intake>fork', 'fork>vet', 'fork>board-vote', 'vet>meet', 'vet>refused', 'meet>inspect', 'inspect>partners', 'inspect>refused', 'partners>pick', 'pick>wait', 'pick>tell', 'wait>tell', 'tell>child', 'child>approved', 'child>refused']) {
      expect(edges).toContain(e);
    }
  });

  it('draws Mermaid with done and active classes', () => {
    const m = toMermaid(proc, { done: ['intake'], active: ['vet'] });
    expect(m).toContain('class intake done;');
    expect(m).toContain('class vet active;');
    expect(m).toContain('intake["1. دریافت"]');
  });

  it('lays out an SVG with one node per step, marking done and active ones, escaping labels', () => {
    const svg = toSvg(proc, { done: ['intake'], active: ['inspect'], lang: 'en' });
    expect(svg.match(/data-step="/g)).toHaveLength(proc.steps.length);
    expect(svg).toMatch(/class="node done kind-task" data-step="intake"/);
    expect(svg).toMatch(/class="node active kind-inspection" data-step="inspect"/);
    expect(svg).not.toMatch(/NaN/);
  });
});
