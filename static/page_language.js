// The page's language (components/language_switch.py): Streamlit's shell says <html lang="en"> whatever the page
// shows, so screen readers would read Ukrainian and Russian with English rules and browsers offer to translate.

/**
 * Set the document's language to the reader's, each run, so a switch takes effect without a reload.
 * @param {{data: {language: string}}} component
 */
export default function ({ data }) {
  if (document.documentElement.lang !== data.language) {
    document.documentElement.lang = data.language;
  }
}
