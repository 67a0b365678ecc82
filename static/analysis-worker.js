// The analysis worker (issue 20): the app's own engine, off the page's
// thread. It loads the same glue and WebAssembly the page loaded (the
// page sends their addresses first; the browser has both cached) and
// answers each request with `marginalia_analysis_answer`, whose messages
// are defined in crates/core/src/analysis/worker.rs. Starting the module
// in a worker does not start the app: `ui::start` needs a window.
let engine = null;

self.onmessage = async (event) => {
  const message = event.data;
  if (message && typeof message === 'object' && message.init) {
    engine = import(message.init.glue).then(async (glue) => {
      await glue.default({ module_or_path: message.init.wasm });
      return glue;
    });
    return;
  }
  try {
    if (!engine) throw new Error('not started');
    const glue = await engine;
    self.postMessage(glue.marginalia_analysis_answer(String(message)));
  } catch (err) {
    self.postMessage(JSON.stringify({ v: 1, hash: '', result: { Err: `the analysis worker failed: ${err}` } }));
  }
};
