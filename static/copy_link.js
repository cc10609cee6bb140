// The copy-link component (components/sharing/copy_link.py): the view's address, and a button that copies it.

/** The box: the link in a read-only field, and the button; `said` holds its words in the reader's language. */
function copyBox(said) {
  const box = document.createElement("div");
  box.className = "kcm-copy";
  const input = document.createElement("input");
  input.className = "kcm-copy-url";
  input.type = "text";
  input.readOnly = true;
  input.setAttribute("aria-label", said.field);
  const button = document.createElement("button");
  button.className = "kcm-copy-button";
  button.type = "button";
  box.append(input, button);
  return box;
}

/** The input and button, built once per component, with the stylesheet beside them. */
function parts(parentElement, stylesheet, said) {
  let box = parentElement.querySelector(".kcm-copy");
  if (!box) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = stylesheet;
    box = copyBox(said);
    parentElement.append(link, box);
  }
  return { input: box.querySelector(".kcm-copy-url"), button: box.querySelector(".kcm-copy-button") };
}

export default function ({ data, parentElement }) {
  const { input, button } = parts(parentElement, data.stylesheet, data.said);
  input.setAttribute("aria-label", data.said.field);
  const absolute = new URL(data.query, window.location.href).href;
  input.value = absolute;
  button.textContent = data.said.copy;
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(absolute);
    } catch (error) {
      input.select();
      document.execCommand("copy");  // plain http on a room's network has no clipboard API
    }
    button.textContent = data.said.copied;
  };
}
