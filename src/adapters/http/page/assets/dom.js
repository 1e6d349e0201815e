// Building DOM nodes from data: text always goes in through textContent, never as HTML.

/** `el('td', { className: 'num' }, 'text', childNode)`: attributes as properties or `data-*`/`aria-*`, children as text or nodes. */
export const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('data-') || name.startsWith('aria-') || name === 'role' || name === 'for') node.setAttribute(name, String(value));
    else node[name] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

export const byId = (id) => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node;
};

export const setText = (node, text) => {
  node.textContent = text ?? '';
};

export const show = (node, visible) => {
  node.hidden = !visible;
};

/**
 * A button that cannot be clicked twice while its action runs. It is marked busy rather than disabled, so it keeps
 * the keyboard focus (a disabled button drops it, and a dialog could not hand it back).
 */
export const busy = async (button, action) => {
  if (button.getAttribute('aria-busy') === 'true') return;
  button.setAttribute('aria-busy', 'true');
  try {
    await action();
  } finally {
    button.removeAttribute('aria-busy');
  }
};

/**
 * Opens a modal <dialog> and resolves with the value of the button that closed it ('' for Escape). The browser
 * moves focus into the dialog and traps it; focus goes back to where it was when the dialog closes.
 */
export const ask = (dialog) =>
  new Promise((resolve) => {
    const opener = document.activeElement;
    dialog.returnValue = '';
    dialog.addEventListener(
      'close',
      () => {
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
        resolve(dialog.returnValue);
      },
      { once: true },
    );
    dialog.showModal();
  });
