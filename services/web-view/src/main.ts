/** Entry point of the analyst's web view (bundled by server/build.ts into assets/app-<hash>.js). */
import './styles.css';
import { App } from './app.js';

function webgl2(): boolean {
  try {
    return document.createElement('canvas').getContext('webgl2') !== null;
  } catch {
    return false;
  }
}

const status = document.getElementById('status');
if (!webgl2()) {
  if (status) {
    status.textContent = 'This browser cannot draw the graph: WebGL 2 is not available (enable hardware acceleration, or use a current Chrome, Edge or Firefox).';
    status.classList.add('error');
  }
} else {
  new App().start().catch((err: unknown) => {
    if (status) {
      status.textContent = `The view could not start: ${err instanceof Error ? err.message : String(err)}`;
      status.classList.add('error');
    }
  });
}
