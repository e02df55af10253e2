// The two labs, a chunk of their own in the hosted build (see page.js).
import { setupDepthLab } from './depth-lab.js';
import { setupTrainingLab } from './training-lab.js';

export function setupLabs(activations, core) {
  setupDepthLab(document.getElementById('depth-lab'), activations, core);
  setupTrainingLab(document.getElementById('training-lab'), activations, core);
}
