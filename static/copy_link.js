// The copy-link component (components/copy_link.py): the view's address, and a button that copies it.
export default function ({ data, parentElement }) {
  const input = parentElement.querySelector(".kcm-copy-url");
  const button = parentElement.querySelector(".kcm-copy-button");
  const absolute = new URL(data.query, window.location.href).href;
  input.value = absolute;
  button.textContent = "Copy link";
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(absolute);
    } catch (error) {
      input.select();
      document.execCommand("copy");  // plain http on a room's network has no clipboard API
    }
    button.textContent = "Copied";
  };
}
