// The page's long set-up work, cut into tasks so that the browser paints and answers input between
// them.

// Lets the browser paint and handle input between two tasks.
export const yieldToBrowser = () => globalThis.scheduler?.yield?.() ?? new Promise((resolve) => { setTimeout(resolve, 0); });

// Jobs wait here and run one per task, in the order they were asked for: parts that come near the
// viewport together (their observers report them in one task) must not block the page as one long task.
const waiting = [];
let running = false;

async function runWaiting() {
  running = true;
  while (waiting.length > 0) {
    waiting.shift()();
    await yieldToBrowser();
  }
  running = false;
}

// Runs `job` in a task of its own once the jobs asked for before it have run; resolves to its result.
export function inTurn(job) {
  return new Promise((resolve, reject) => {
    waiting.push(() => {
      try {
        resolve(job());
      } catch (failure) {
        reject(failure);
      }
    });
    if (!running) runWaiting();
  });
}
