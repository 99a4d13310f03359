// The flow map: the graph from /flows/graph drawn with Cytoscape.js; edges styled by legal basis, dashed
// when they cross a border; clicking a node lists what flows into and out of it.
(function () {
  const container = document.getElementById('flow-map');
  const details = document.getElementById('flow-details');
  const colours = { 'third-party': '#c62828', 'joint-use': '#7b1fa2', 'entrustment': '#1565c0', 'internal': '#78909c',
                    'holds': '#cfd8dc' };
  fetch(container.dataset.graph, { headers: { 'Accept': 'application/json' } })
    .then(r => r.json())
    .then(graph => {
      if (graph.nodes.length === 0) {
        container.setAttribute('data-nodes', '0');
        container.setAttribute('data-edges', '0');
        container.textContent = container.dataset.empty;
        container.classList.add('empty');
        return;
      }
      const cy = cytoscape({
        container: container,
        elements: graph.nodes.concat(graph.edges),
        layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.2, padding: 20 },
        style: [
          { selector: 'node', style: { 'label': 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4,
              'background-color': '#0b5cad', 'width': 22, 'height': 22 } },
          { selector: 'node[type = "party"]', style: { 'shape': 'round-rectangle', 'background-color': '#ef6c00' } },
          { selector: 'node[type = "dataset"]', style: { 'shape': 'diamond', 'background-color': '#90a4ae', 'width': 16, 'height': 16 } },
          { selector: 'edge', style: { 'width': 2, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle',
              'line-color': e => colours[e.data('kind')], 'target-arrow-color': e => colours[e.data('kind')],
              'label': e => e.data('pipeline') || '', 'font-size': 9, 'text-rotation': 'autorotate', 'color': '#5b6b7c' } },
          { selector: 'edge[?crossBorder]', style: { 'line-style': 'dashed' } },
          { selector: ':selected', style: { 'border-width': 3, 'border-color': '#1d2733' } }
        ]
      });
      window.daichoFlowMap = cy; // for the browser tests
      container.setAttribute('data-nodes', String(cy.nodes().length));
      container.setAttribute('data-edges', String(cy.edges().length));
      cy.on('tap', 'node', evt => {
        const node = evt.target;
        const flows = c => c.filter(e => e.data('kind') !== 'holds');
        const line = e => `<li><b>${escape(e.data('pipeline'))}</b>: ${escape(e.source().data('label'))} → ${escape(e.target().data('label'))}`
          + ` (${escape(e.data('basisLabel') || e.data('basis'))}, ${escape(e.data('country'))})</li>`;
        details.innerHTML = `<h2>${escape(node.data('label'))}</h2><p>${escape(node.data('id'))}</p>`
          + `<h3>${escape(container.dataset.incoming)}</h3><ul class="incoming">${flows(node.incomers('edge')).map(line).join('')}</ul>`
          + `<h3>${escape(container.dataset.outgoing)}</h3><ul class="outgoing">${flows(node.outgoers('edge')).map(line).join('')}</ul>`;
      });
    });
  function escape(s) {
    return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }
})();
