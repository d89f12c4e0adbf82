// The partnership network drawn with Cytoscape.js (loaded lazily with the
// route). Organisations are nodes coloured by sector; commitments are solid
// arrows (committer → beneficiary) and shared actions dashed lines, wider
// for more links. The same edges are in the table beside it.
import { useEffect, useRef } from 'react';
import cytoscape, { type Core } from 'cytoscape';
import type { GraphElement } from './network';

interface Props {
  elements: GraphElement[];
  /** Organisation id to highlight with its links, or "". */
  focus: string;
  onSelect: (id: string) => void;
  /** Text alternative for the drawing. */
  label: string;
}

export default function NetworkGraph({ elements, focus, onSelect, label }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!container.current) return;
    const instance = cytoscape({
      container: container.current,
      elements,
      layout: { name: 'cose', animate: false, padding: 24, nodeRepulsion: () => 8000, idealEdgeLength: () => 90 },
      minZoom: 0.3,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            width: 'data(size)',
            height: 'data(size)',
            label: 'data(label)',
            'font-size': 11,
            color: '#1a1f24',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'wrap',
            'text-max-width': '110px',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'text-background-padding': '2px',
            'border-width': 2,
            'border-color': '#ffffff',
          },
        },
        {
          selector: 'edge',
          style: {
            width: 'data(width)',
            'line-color': '#5f6b76',
            'curve-style': 'bezier',
            opacity: 0.8,
          },
        },
        { selector: 'edge[kind = "COMMITMENT"]', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#5f6b76' } },
        { selector: 'edge[kind = "SHARED_ACTION"]', style: { 'line-style': 'dashed', 'line-color': '#0b5394' } },
        { selector: '.faded', style: { opacity: 0.15 } },
        { selector: 'node.focus', style: { 'border-color': '#1a1f24', 'border-width': 4 } },
      ],
    });
    instance.on('tap', 'node', (e) => select.current(e.target.id()));
    instance.on('tap', (e) => {
      if (e.target === instance) select.current('');
    });
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [elements]);

  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.elements().removeClass('faded focus');
    if (!focus) return;
    const node = c.getElementById(focus);
    if (node.empty()) return;
    const near = node.closedNeighborhood();
    c.elements().not(near).addClass('faded');
    node.addClass('focus');
  }, [focus, elements]);

  return (
    <>
      <div role="img" aria-label={label}>
        <div ref={container} className="network-graph" data-testid="network-graph" />
      </div>
      <p className="button-row">
        <button type="button" className="button button--secondary" onClick={() => cy.current?.fit(undefined, 24)}>
          Fit the map to the screen
        </button>
      </p>
    </>
  );
}
