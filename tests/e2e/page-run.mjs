// Shared by the test pages (golden.html, leak-page.html, workers-page.html): reports the page's work
// in body[data-state] and #out, which waitForDone in browser.mjs reads.

/**
 * Runs `work()`: on success its text (if any) goes to #out and body[data-state] becomes 'done'; a
 * thrown error's message and stack go to #out and the state becomes 'error'.
 */
export async function runPage(work) {
  const out = document.getElementById('out');
  try {
    const text = await work();
    if (text !== undefined) out.textContent = text;
    document.body.dataset.state = 'done';
  } catch (err) {
    out.textContent = describeError(err);
    document.body.dataset.state = 'error';
  }
}

/** An error's message and its stack: V8 starts the stack with the message, Firefox and WebKit don't. */
function describeError(err) {
  const text = String(err);
  const stack = typeof err?.stack === 'string' ? err.stack : '';
  return stack.includes(text) ? stack : [text, stack].filter(Boolean).join('\n');
}
