// plotly.js, one <script> for the whole browser tab, from the plotly package the server
// has installed (served by Streamlit's component file route: nothing is vendored).

let loading = null;

export function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => { performance.mark("player:plotly"); resolve(window.Plotly); };
      script.onerror = () => { loading = null; reject(new Error(`could not load ${url}`)); };
      document.head.append(script);
    });
  }
  return loading;
}
